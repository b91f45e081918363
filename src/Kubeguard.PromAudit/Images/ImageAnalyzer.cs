using Kubeguard.PromAudit.Rules;

namespace Kubeguard.PromAudit.Images;

/// <summary>
/// Offline image risk: floating and missing tags, missing digests, tags that resolve to different
/// digests across pods (the tag was moved), frozen registries, end-of-life bases, and the dated
/// version rules. Pinning is judged on the image as written in the pod spec, never on the resolved ID.
/// </summary>
public static class ImageAnalyzer
{
    /// <summary>Analyses <paramref name="observations"/>; results are ordered by image, then kind.</summary>
    public static IReadOnlyList<ImageRisk> Analyze(IEnumerable<ImageObservation> observations, RiskRules rules)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(rules);
        var risks = new List<ImageRisk>();
        foreach (var group in observations.GroupBy(o => o.ImageSpec, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var workloads = group.Select(o => $"{o.Namespace}/{o.Pod}/{o.Container}").Distinct().Order(StringComparer.Ordinal).ToList();
            void Add(string kind, string detail) => risks.Add(new ImageRisk(group.Key, kind, detail, workloads));

            if (!ImageReference.TryParse(group.Key, out var image))
            {
                Add("unparseable", "not a valid image reference");
                continue;
            }

            var digests = group.Select(o => DigestOf(o.ImageId)).Where(d => d is not null).Distinct().ToList();
            if (image.Digest is null)
            {
                if (image.Tag is null || rules.FloatingTags.Contains(image.Tag, StringComparer.OrdinalIgnoreCase))
                {
                    Add("floating-tag", image.Tag is null ? "no tag (implicit latest)" : $"tag '{image.Tag}' moves");
                }
                else if (TagVersion.TryParse(image.Tag, out var major) && major.Parts == 1 && major.Suffix.Length == 0)
                {
                    Add("major-only-tag", $"tag '{image.Tag}' follows a whole major line");
                }

                Add("no-digest", "not pinned by digest");
                if (digests.Count > 1)
                {
                    Add("moved-tag", $"the same reference runs as {digests.Count} different digests across pods");
                }
            }

            foreach (var frozen in rules.FrozenRegistries.Where(f => image.Name.StartsWith(f + "/", StringComparison.OrdinalIgnoreCase)))
            {
                Add("frozen-registry", $"{frozen} no longer receives images");
            }

            var tag = image.Tag ?? "";
            foreach (var marker in rules.EolTagMarkers.Where(m => tag.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                Add("eol-base", $"tag names end-of-life base '{marker}'");
            }

            if (!TagVersion.TryParse(tag, out var version))
            {
                continue;
            }

            foreach (var rule in rules.Images.Where(r => image.Repository.EndsWith(r.Match, StringComparison.OrdinalIgnoreCase) && r.Affects(version)))
            {
                Add(rule.Kind, $"version {version} matches {rule.Advisory} (rules of {rules.Date})");
            }

            if (rules.Kubernetes.ComponentImages.Contains(image.ShortName, StringComparer.OrdinalIgnoreCase) && rules.IsUnsupportedKubernetes(tag))
            {
                Add("unsupported-kubernetes", $"Kubernetes {version.Major}.{version.Minor} is older than the supported window (from {rules.Kubernetes.OldestSupportedMinor}, rules of {rules.Date})");
            }
        }

        return risks;
    }

    private static string? DigestOf(string imageId)
    {
        var at = imageId.IndexOf("sha256:", StringComparison.Ordinal);
        return at < 0 ? null : imageId[at..];
    }
}
