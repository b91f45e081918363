using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubeguard.Webhook.Tests;

/// <summary>--namespaces-file is re-read when it changes; a broken file keeps the last good content.</summary>
public sealed class NamespacesFileReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeguard-ns-reload-").FullName;

    private string File_ => Path.Combine(_directory, "namespaces.yaml");

    // As a ConfigMap volume changes: the new content replaces the file in one step.
    private async Task ReplaceAsync(string content)
    {
        var next = Path.Combine(_directory, "next.yaml");
        await File.WriteAllTextAsync(next, content);
        File.Move(next, File_, overwrite: true);
    }

    private static string Namespace(string name, string? enforce) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n" + (enforce is null ? "" : $"  labels:\n    pod-security.kubernetes.io/enforce: {enforce}\n");

    private static string PrivilegedPodReview(string ns) => $$$$$"""
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"reload-1","operation":"CREATE",
         "resource":{"group":"","version":"v1","resource":"pods"},"namespace":"{{{{{ns}}}}}","name":"p","userInfo":{"username":"alice"},
         "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"{{{{{ns}}}}}"},
          "spec":{"containers":[{"name":"c","image":"busybox","securityContext":{"privileged":true}}]}}}}
        """;

    private static async Task<bool> AllowedAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/validate", new StringContent(PrivilegedPodReview("team"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!["allowed"]!.GetValue<bool>();
    }

    /// <summary>Asks until the answer is <paramref name="allowed"/> (the file is checked every 100 ms), for at most 20 s.</summary>
    private static async Task<bool> EventuallyAsync(HttpClient client, bool allowed)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (await AllowedAsync(client) == allowed)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    [Fact]
    public async Task A_changed_file_is_applied_and_a_broken_one_keeps_the_last_good_content_over_tls()
    {
        // Given: namespace "team" without labels (privileged): a privileged pod is allowed
        await File.WriteAllTextAsync(File_, Namespace("team", null));
        var logs = new ListLogger();
        await using var webhook = await RunningWebhook.StartAsync(
            o => o with { NamespacesFile = File_, NamespacesFileCheckInterval = TimeSpan.FromMilliseconds(100) }, logs: logs);
        using var client = webhook.Client();
        Assert.True(await AllowedAsync(client));

        // When: the file labels "team" restricted, then it is denied
        await ReplaceAsync(Namespace("team", "restricted"));
        Assert.True(await EventuallyAsync(client, allowed: false), "the restricted label was never applied");
        Assert.Contains(logs.Lines, l => l.Message.Contains("reloaded: 1 namespaces", StringComparison.Ordinal));

        // When: the file is broken, the last good content stays and the log says why
        await ReplaceAsync(Namespace("team", null) + "---\nkind: Namespace\nmetadata: [\n");
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && !logs.Lines.Any(l => l.Message.Contains("keeping the last good content", StringComparison.Ordinal)))
        {
            await Task.Delay(50);
        }

        var kept = Assert.Single(logs.Lines, l => l.Message.Contains("keeping the last good content", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, kept.Level);
        Assert.Matches(System.Text.RegularExpressions.Regex.Escape(File_) + ":[678]: ", kept.Message);
        Assert.False(await AllowedAsync(client));

        // When: the file is fixed again, it is applied
        await ReplaceAsync(Namespace("team", null));
        Assert.True(await EventuallyAsync(client, allowed: true), "the fixed file was never applied");
    }

    [Fact]
    public void A_change_is_applied_only_after_it_was_seen_twice()
    {
        File.WriteAllText(File_, Namespace("a", null));
        using var source = new NamespaceFileSource(File_, Timeout.InfiniteTimeSpan, NullLogger.Instance);
        Assert.Equal(NamespaceFileCheck.Unchanged, source.Check());

        File.WriteAllText(File_, Namespace("a", null) + "---\n" + Namespace("b", "baseline"));

        Assert.Equal(NamespaceFileCheck.Pending, source.Check());
        Assert.Equal(1, source.NamespaceCount);
        Assert.Equal(NamespaceFileCheck.Reloaded, source.Check());
        Assert.Equal(2, source.NamespaceCount);
        Assert.Equal(NamespaceFileCheck.Unchanged, source.Check());
    }

    [Fact]
    public void A_file_still_being_written_waits_for_the_next_check()
    {
        File.WriteAllText(File_, Namespace("a", null));
        using var source = new NamespaceFileSource(File_, Timeout.InfiniteTimeSpan, NullLogger.Instance);

        File.WriteAllText(File_, "apiVersion: v1\nkind: Names");
        Assert.Equal(NamespaceFileCheck.Pending, source.Check());
        File.WriteAllText(File_, Namespace("a", null) + "---\n" + Namespace("b", null));
        Assert.Equal(NamespaceFileCheck.Pending, source.Check());
        Assert.Equal(NamespaceFileCheck.Reloaded, source.Check());

        Assert.Equal(2, source.NamespaceCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kind: Namespace\nmetadata: [\n")]
    public void An_empty_or_broken_file_keeps_the_namespaces_in_force(string content)
    {
        File.WriteAllText(File_, Namespace("a", null) + "---\n" + Namespace("b", null));
        using var source = new NamespaceFileSource(File_, Timeout.InfiniteTimeSpan, NullLogger.Instance);

        File.WriteAllText(File_, content);
        source.Check();

        Assert.Equal(NamespaceFileCheck.Kept, source.Check());
        Assert.Equal(2, source.NamespaceCount);
        Assert.Equal(NamespaceFileCheck.Unchanged, source.Check());
    }

    [Fact]
    public void A_deleted_file_keeps_the_namespaces_in_force()
    {
        File.WriteAllText(File_, Namespace("a", null));
        using var source = new NamespaceFileSource(File_, Timeout.InfiniteTimeSpan, NullLogger.Instance);

        File.Delete(File_);

        Assert.Equal(NamespaceFileCheck.Kept, source.Check());
        Assert.Equal(1, source.NamespaceCount);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
