using System.CommandLine;
using System.CommandLine.Parsing;
using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;
using Kubeguard.Reporting;
using Kubeguard.Scanning;

namespace Kubeguard.Cli.Commands;

/// <summary>
/// The options of the checks beyond Pod Security, shared by the commands that run them:
/// <c>--checks</c>, <c>--no-beyond-pss</c>, <c>--exemptions</c>, <c>--allowed-registries</c> and <c>--tee-classes</c>.
/// </summary>
internal static class BeyondPssOptionsCli
{
    private static readonly string FamilyNames = string.Join(", ", CheckFamilies.All.Select(f => f.ToWireString()));

    public static Option<string[]> Checks { get; } = new("--checks")
    {
        Description = $"Families of checks beyond Pod Security to run (default: all): {FamilyNames}.",
        AllowMultipleArgumentsPerToken = true,
        Validators = { ValidateFamilies },
    };

    public static Option<bool> NoBeyondPss { get; } = new("--no-beyond-pss")
    {
        Description = "Run only the Pod Security Standards checks.",
    };

    public static Option<FileInfo?> Exemptions { get; } = new("--exemptions")
    {
        Description = "Exemptions file (kind: Exemptions): findings to accept, each with a reason, an owner and an expiry date.",
        Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } f) { r.AddError($"exemptions file not found: {f}"); } } },
    };

    public static Option<string[]> AllowedRegistries { get; } = new("--allowed-registries")
    {
        Description = "Registries (quay.io) or registry/repository prefixes (ghcr.io/acme) images may come from; turns on image-registry-not-allowed.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<FileInfo?> TeeClasses { get; } = new("--tee-classes")
    {
        Description = "A TeeRuntimeClasses file (kubeguard.io/v1alpha1) naming more runtime classes for the tee checks, each with a source note; its entries are matched before the built-in list.",
        Validators = { ValidateTeeClasses },
    };

    /// <summary>Every option, to add to a command.</summary>
    public static IReadOnlyList<Option> All { get; } = [Checks, NoBeyondPss, Exemptions, AllowedRegistries, TeeClasses];

    /// <summary>The options as parsed; reads the exemptions file (its problems are reported by the run, not here).</summary>
    public static BeyondPodSecurityOptions From(ParseResult parse, SeverityOverrides severities, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var families = Split(parse.GetValue(Checks)).Select(f => CheckFamilies.TryParse(f, out var family) ? family : (CheckFamily?)null).OfType<CheckFamily>().ToList();
        var file = parse.GetValue(Exemptions);
        return new BeyondPodSecurityOptions
        {
            Enabled = !parse.GetValue(NoBeyondPss),
            Checks = CheckOptions.Default with
            {
                Families = families.Count > 0 ? [.. families] : CheckOptions.Default.Families,
                AllowedRegistries = [.. Split(parse.GetValue(AllowedRegistries))],
                TeeClasses = parse.GetValue(TeeClasses) is { } classes
                    ? Kubeguard.Checks.Tee.TeeClassList.Parse(File.ReadAllText(classes.FullName)).List ?? CheckOptions.Default.TeeClasses
                    : CheckOptions.Default.TeeClasses,
            },
            Exemptions = file is null ? ExemptionSet.Empty : ExemptionsFile.Parse(File.ReadAllText(file.FullName), file.ToString()),
            ExemptionsFile = file?.ToString(),
            Severities = severities,
            Today = today,
        };
    }

    /// <summary>Values given repeated or comma-separated.</summary>
    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void ValidateTeeClasses(OptionResult result)
    {
        if (result.GetValueOrDefault<FileInfo?>() is not { } file)
        {
            return;
        }

        if (!file.Exists)
        {
            result.AddError($"tee classes file not found: {file}");
            return;
        }

        foreach (var error in Kubeguard.Checks.Tee.TeeClassList.Parse(File.ReadAllText(file.FullName)).Errors)
        {
            result.AddError($"{file}: {error}");
        }
    }

    private static void ValidateFamilies(OptionResult result)
    {
        foreach (var name in Split(result.GetValueOrDefault<string[]>()))
        {
            if (!CheckFamilies.TryParse(name, out _))
            {
                result.AddError($"unknown check family \"{name}\" (expected {FamilyNames})");
            }
        }
    }
}
