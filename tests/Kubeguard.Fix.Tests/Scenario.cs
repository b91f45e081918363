using System.Globalization;
using System.Reflection;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix.Tests;

/// <summary>
/// A golden scenario under <c>tests/fixtures/fix/&lt;name&gt;/</c>: <c>input.yaml</c>, the exact
/// expected bytes in <c>expected.yaml</c>, and optional command-line style options in <c>args.txt</c>.
/// Names state the expectation: <c>refuse-*</c> and <c>pass-*</c> must stay byte-identical.
/// </summary>
internal sealed record Scenario(string Name, string Folder)
{
    public static string Root { get; } = Path.Combine(
        typeof(Scenario).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "FixturesRoot").Value!, "fix");

    public static bool UpdateGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static IEnumerable<Scenario> All() =>
        Directory.GetDirectories(Root).Order(StringComparer.Ordinal).Select(d => new Scenario(Path.GetFileName(d), d));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in All())
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    public static Scenario Named(string name) => new(name, Path.Combine(Root, name));

    public string InputPath => Path.Combine(Folder, "input.yaml");

    public string ExpectedPath => Path.Combine(Folder, "expected.yaml");

    public byte[] Input => File.ReadAllBytes(InputPath);

    public bool MustStayUnchanged => Name.StartsWith("refuse-", StringComparison.Ordinal) || Name.StartsWith("pass-", StringComparison.Ordinal) || Name.StartsWith("unchanged-", StringComparison.Ordinal);

    public FixOptions Options
    {
        get
        {
            var argsPath = Path.Combine(Folder, "args.txt");
            var args = File.Exists(argsPath) ? File.ReadAllText(argsPath).Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries) : [];
            var level = Level.Restricted;
            var version = PolicyVersion.Latest;
            var allow = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long? uid = null;
            for (var i = 0; i < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--level": level = Levels.Parse(args[i + 1]); break;
                    case "--version": version = PolicyVersion.Parse(args[i + 1]); break;
                    case "--allow": allow.UnionWith(args[i + 1].Split(',')); break;
                    case "--run-as-user": uid = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                    default: throw new InvalidOperationException($"{argsPath}: unknown option {args[i]}");
                }
            }

            return new FixOptions { Target = new LevelVersion(level, version), Allow = allow, RunAsUser = uid };
        }
    }

    public FileFix Run() => FixEngine.Fix(Name + "/input.yaml", Input, Options);

    public override string ToString() => Name;
}
