using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>One in-toto subject: a name (optional in Statement v1) and its sha256, when it has one.</summary>
/// <param name="Name">The subject name, or null.</param>
/// <param name="Sha256">The lower-case hex sha256, or null when the subject has none.</param>
public sealed record InTotoSubject(string? Name, string? Sha256);

/// <summary>An in-toto statement (v0.1 or v1): its type, subjects and predicate type.</summary>
/// <param name="Type">The <c>_type</c>.</param>
/// <param name="PredicateType">The <c>predicateType</c> URI.</param>
/// <param name="Subjects">The subjects.</param>
public sealed record InTotoStatement(string Type, string PredicateType, IReadOnlyList<InTotoSubject> Subjects)
{
    /// <summary>The predicate type cosign v3 uses for a plain image signature in a bundle.</summary>
    public const string CosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1";

    /// <summary>True when any subject's sha256 equals <paramref name="digest"/>.</summary>
    public bool HasSubject(Digest digest) => Subjects.Any(s => s.Sha256 == digest.Hex);

    /// <summary>Parses statement JSON bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out InTotoStatement? statement, [NotNullWhen(false)] out string? error)
    {
        statement = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "in-toto statement is not a JSON object";
                return false;
            }

            var type = Json.String(root, "_type");
            var predicateType = Json.String(root, "predicateType");
            if (type is null || !type.StartsWith("https://in-toto.io/Statement/", StringComparison.Ordinal) || predicateType is null)
            {
                error = "payload is not an in-toto statement (no _type or predicateType)";
                return false;
            }

            var subjects = new List<InTotoSubject>();
            if (root.TryGetProperty("subject", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var sha = item.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.Object ? Json.String(digest, "sha256") : null;
                    subjects.Add(new InTotoSubject(Json.String(item, "name"), sha));
                }
            }

            statement = new InTotoStatement(type, predicateType, subjects);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"in-toto statement is not JSON ({ex.Message})";
            return false;
        }
    }
}
