using System.Diagnostics;

namespace Kubeguard.SupplyChain.Tests.Registry;

/// <summary>
/// <see cref="LocalRegistry"/> with basic authentication from an htpasswd file (bcrypt, written by
/// <c>htpasswd -B</c> from apache2-utils, installed by <c>scripts/prerequisites</c>): every request
/// without the right user and password gets 401 with <c>WWW-Authenticate: Basic</c>.
/// </summary>
public sealed class HtpasswdRegistry : LocalRegistry
{
    public const string User = "puller";
    public const string Password = "pull-s3cret";

    protected override async Task<string> ExtraConfigAsync()
    {
        var file = Path.Combine(Directory, "htpasswd");
        var binary = new[] { "/usr/bin/htpasswd", "/usr/local/bin/htpasswd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("htpasswd is not installed: run scripts/prerequisites (apt-get install apache2-utils)");
        var start = new ProcessStartInfo(binary) { ArgumentList = { "-Bbn", User, Password }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !line.StartsWith(User + ":$2", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"htpasswd failed ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
        }

        await File.WriteAllTextAsync(file, line);
        return $"""
            auth:
              htpasswd:
                realm: kubeguard-test
                path: {file}
            """;
    }
}
