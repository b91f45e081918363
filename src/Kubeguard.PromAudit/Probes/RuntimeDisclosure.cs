using System.Text.Json;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-014. Flags, runtime information and the process command line are readable: paths,
/// retention, listen addresses and any secret passed as an argument.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/status/flags</c>, <c>/api/v1/status/runtimeinfo</c>,
/// <c>/debug/pprof/cmdline</c>. Elevated when an argument holds a credential-like value.</remarks>
internal static class RuntimeDisclosure
{
    public static readonly ProbeId Id = new("PROM-014", "runtime-disclosure");

    public static Probe Definition { get; } = new(Id, "leakage", "Flags, runtime information and command line are readable",
        "Never pass secrets as flags; block /debug/ and /api/v1/status/ at the reverse proxy.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.Blocker is { } blocker)
        {
            return ProbeResult.Inconclusive(blocker);
        }

        var evidence = new List<string>();
        var flags = await context.FlagsAsync(ct).ConfigureAwait(false);
        if (flags.Ok)
        {
            evidence.Add($"flags readable ({flags.Value!.Count}); config.file: {flags.Value!.GetValueOrDefault("config.file", "")}, storage.tsdb.path: {flags.Value!.GetValueOrDefault("storage.tsdb.path", "")}");
        }

        var runtime = await context.DataAsync("/api/v1/status/runtimeinfo", ct).ConfigureAwait(false);
        if (runtime.Value is { ValueKind: JsonValueKind.Object } info)
        {
            evidence.Add($"runtimeinfo readable; CWD: {(info.TryGetProperty("CWD", out var cwd) ? cwd.ToString() : "?")}, storageRetention: {(info.TryGetProperty("storageRetention", out var r) ? r.ToString() : "?")}");
        }

        var strong = false;
        var cmdline = await context.GetAsync("/debug/pprof/cmdline", ct).ConfigureAwait(false);
        if (cmdline.IsSuccess)
        {
            var args = cmdline.Text.Split(['\0', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var names = new List<string>();
            foreach (var arg in args.Skip(1))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? arg : arg[..eq];
                names.Add(name);
                if (eq >= 0 && context.Secrets.Scan($"cmdline {name}", name.TrimStart('-'), arg[(eq + 1)..]) is { } hit)
                {
                    evidence.Add(hit.ToString());
                    strong |= hit.Strong || hit.Kind == "named-secret";
                }
            }

            evidence.Add($"/debug/pprof/cmdline readable: {args.Length} arguments ({string.Join(" ", names.Take(12))}{(names.Count > 12 ? " …" : "")}; values not shown)");
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("flags, runtime information and the command line are not readable")
            : ProbeResult.Exposed("runtime details and the command line are readable", evidence, strong);
    }
}
