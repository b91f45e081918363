using System.Text;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix.Tests;

/// <summary>Small helpers to run the fixer on text.</summary>
internal static class Fix
{
    public static FixOptions Restricted(params string[] allow) => new()
    {
        Target = new LevelVersion(Level.Restricted, PolicyVersion.Latest),
        Allow = new HashSet<string>(allow, StringComparer.OrdinalIgnoreCase),
    };

    public static FixOptions At(Level level, PolicyVersion version, long? uid = null, params string[] allow) => new()
    {
        Target = new LevelVersion(level, version),
        Allow = new HashSet<string>(allow, StringComparer.OrdinalIgnoreCase),
        RunAsUser = uid,
    };

    public static FileFix Text(string yaml, FixOptions? options = null) =>
        FixEngine.Fix("test.yaml", Encoding.UTF8.GetBytes(yaml), options ?? Restricted());
}
