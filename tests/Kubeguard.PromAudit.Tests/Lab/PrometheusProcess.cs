using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>
/// A real Prometheus (the Debian package's binary) on 127.0.0.1 with its own data directory.
/// Readiness is polled, never waited for with a fixed sleep. Stopped by PID on dispose.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private PrometheusProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Uri = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri Uri { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The prometheus binary, or a loud failure naming how to install it.</summary>
    public static string Binary()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "prometheus");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The 'prometheus' binary is not installed. These tests run a real Prometheus server: install it with " +
            "'bash scripts/prerequisites' (as root: apt-get install -y prometheus)." +
            (Environment.GetEnvironmentVariable("CI") == "true" ? " CI=true: the prerequisites step did not install it." : ""));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static PrometheusProcess Start(string workingDirectory, int port, string configFile, string dataDir, params string[] extraArgs)
    {
        var info = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in new[]
        {
            $"--config.file={configFile}", $"--storage.tsdb.path={dataDir}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start");
        var result = new PrometheusProcess(process, port);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, the process exits, or the ceiling passes.</summary>
    public async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan ceiling)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ceiling)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus on port {Port} exited with {_process.ExitCode} before {what}:\n{Log}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"prometheus on port {Port}: {what} did not happen within {ceiling.TotalSeconds} s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
