using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Policy;

/// <summary>
/// Builds the policy a run uses: a policy file (key files resolved beside it), or the quick form
/// from key files. Files are read through the given reader; nothing here touches the disk.
/// </summary>
public static class PolicySource
{
    /// <summary>
    /// Loads <paramref name="policyPath"/> or, without one, the quick policy over
    /// <paramref name="keyPaths"/>. Exactly one of the two must be given.
    /// </summary>
    public static PolicyParseResult Load(string? policyPath, IReadOnlyList<string> keyPaths, Func<string, string?> readFile)
    {
        ArgumentNullException.ThrowIfNull(keyPaths);
        ArgumentNullException.ThrowIfNull(readFile);
        if (policyPath is null == (keyPaths.Count == 0))
        {
            return new PolicyParseResult(null, ["give either --policy FILE or one or more --key FILE, not both and not neither"]);
        }

        if (policyPath is not null)
        {
            var text = readFile(policyPath);
            if (text is null)
            {
                return new PolicyParseResult(null, [$"cannot read policy file {policyPath}"]);
            }

            var directory = Path.GetDirectoryName(policyPath) ?? string.Empty;
            var result = PolicyParser.Parse(text, file => readFile(Path.IsPathRooted(file) ? file : Path.Combine(directory, file)));
            return result.Policy is null ? result with { Errors = [.. result.Errors.Select(e => $"{policyPath}: {e}")] } : result;
        }

        var keys = new List<VerificationKey>();
        var errors = new List<string>();
        foreach (var path in keyPaths)
        {
            var pem = readFile(path);
            if (pem is null)
            {
                errors.Add($"cannot read key file {path}");
            }
            else if (VerificationKey.TryFromPem(Path.GetFileName(path), pem, out var key, out var error))
            {
                keys.Add(key!);
            }
            else
            {
                errors.Add($"{path}: {error}");
            }
        }

        return errors.Count > 0 ? new PolicyParseResult(null, errors) : new PolicyParseResult(ImageVerificationPolicy.ForKeys(keys), []);
    }
}
