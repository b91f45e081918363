using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kubeguard.SupplyChain.Tests.Registry;

/// <summary>
/// A real OCI registry for the tests: Debian's <c>docker-registry</c> (CNCF distribution 2.8),
/// installed by <c>scripts/prerequisites</c>, started on 127.0.0.1 with its own temporary config
/// and storage (never the packaged default, which listens on all interfaces), and stopped by PID.
/// </summary>
public class LocalRegistry : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kubeguard-registry-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host { get; private set; } = string.Empty;

    public Uri BaseUri => new($"http://{Host}");

    /// <summary>The registry's private directory (config, storage, and any auth file).</summary>
    protected string Directory => _directory;

    /// <summary>Extra top-level config (YAML, indented as at the top level), e.g. an <c>auth:</c> section.</summary>
    protected virtual Task<string> ExtraConfigAsync() => Task.FromResult(string.Empty);

    public virtual async Task InitializeAsync()
    {
        var binary = new[] { "/usr/bin/docker-registry", "/usr/local/bin/docker-registry" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("docker-registry is not installed: run scripts/prerequisites (apt-get install docker-registry)");
        System.IO.Directory.CreateDirectory(Path.Combine(_directory, "store"));
        Host = $"127.0.0.1:{FreePort()}";
        var config = Path.Combine(_directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_directory, "store")}
              delete:
                enabled: true
            http:
              addr: {Host}
            {await ExtraConfigAsync()}
            """);
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "serve", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer on a busy machine: try again.
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException("docker-registry did not answer on " + Host);
    }

    public virtual async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
