using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kubeguard.Admission.Tests;

namespace Kubeguard.Webhook.Tests;

/// <summary>cert-manager style rotation: the PEM files are rewritten while the server runs.</summary>
public class CertificateRotationTests
{
    private static readonly string Review = File.ReadAllText(Path.Combine(AdmissionFixtures.Directory, "pod-create-allowed-restricted.request.json"));

    private static async Task<HttpStatusCode> PostAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/validate", new StringContent(Review, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"allowed\":true", body, StringComparison.Ordinal);
        return response.StatusCode;
    }

    /// <summary>Opens fresh connections until one is served <paramref name="expected"/> (or 15 s pass).</summary>
    private static async Task<X509Certificate2?> WaitForNewConnectionCertificateAsync(RunningWebhook webhook, X509Certificate2 expected)
    {
        X509Certificate2? last = null;
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            using var client = webhook.Client(webhook.Certificates.Handler(seen: c => last = c));
            await PostAsync(client);
            if (last?.Thumbprint == expected.Thumbprint)
            {
                return last;
            }

            await Task.Delay(50);
        }

        return last;
    }

    [Fact]
    public async Task New_connections_get_the_rewritten_certificate_while_an_open_connection_keeps_working()
    {
        // Given: a keep-alive connection established with the first certificate
        await using var webhook = await RunningWebhook.StartAsync();
        var handshakes = new ConcurrentQueue<X509Certificate2>();
        using var kept = webhook.Client(webhook.Certificates.Handler(seen: handshakes.Enqueue, maxConnections: 1));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(kept));
        var first = Assert.Single(handshakes);

        // When: the files are rotated
        var rotated = webhook.Certificates.IssueServerCertificate("kubeguard-webhook-rotated");

        // Then: new connections see the new certificate
        var seen = await WaitForNewConnectionCertificateAsync(webhook, rotated);
        Assert.Equal(rotated.Thumbprint, seen?.Thumbprint);
        Assert.NotEqual(first.Thumbprint, rotated.Thumbprint);

        // And: the old keep-alive connection still answers, without a new handshake
        Assert.Equal(HttpStatusCode.OK, await PostAsync(kept));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(kept));
        Assert.Single(handshakes);
    }

    [Fact]
    public async Task Requests_in_flight_during_repeated_rotations_all_succeed()
    {
        await using var webhook = await RunningWebhook.StartAsync();
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentBag<string>();
        var completed = 0;

        async Task LoadAsync(bool newConnectionEachTime)
        {
            using var shared = webhook.Client();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (newConnectionEachTime)
                    {
                        using var fresh = webhook.Client();
                        await PostAsync(fresh);
                    }
                    else
                    {
                        await PostAsync(shared);
                    }

                    Interlocked.Increment(ref completed);
                }
#pragma warning disable CA1031 // every failure is collected and reported by the assertion below
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }
        }

        var load = new[] { LoadAsync(false), LoadAsync(false), LoadAsync(true), LoadAsync(true) };
        for (var i = 0; i < 3; i++)
        {
            var next = webhook.Certificates.IssueServerCertificate($"kubeguard-webhook-{i}");
            Assert.Equal(next.Thumbprint, (await WaitForNewConnectionCertificateAsync(webhook, next))?.Thumbprint);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(completed > 0);
    }

    [Fact]
    public async Task A_half_written_rotation_keeps_the_current_certificate_until_the_pair_is_valid()
    {
        await using var webhook = await RunningWebhook.StartAsync();
        X509Certificate2? before = null;
        using (var client = webhook.Client(webhook.Certificates.Handler(seen: c => before = c)))
        {
            await PostAsync(client);
        }

        // Only the certificate changes: its key is not on disk yet.
        var keyFile = await File.ReadAllBytesAsync(webhook.Certificates.KeyFile);
        var rotated = webhook.Certificates.IssueServerCertificate("kubeguard-webhook-next");
        var newKey = await File.ReadAllBytesAsync(webhook.Certificates.KeyFile);
        await File.WriteAllBytesAsync(webhook.Certificates.KeyFile, keyFile);
        await Task.Delay(500);

        X509Certificate2? during = null;
        using (var client = webhook.Client(webhook.Certificates.Handler(seen: c => during = c)))
        {
            Assert.Equal(HttpStatusCode.OK, await PostAsync(client));
        }

        await File.WriteAllBytesAsync(webhook.Certificates.KeyFile, newKey);

        Assert.Equal(before!.Thumbprint, during!.Thumbprint);
        Assert.Equal(rotated.Thumbprint, (await WaitForNewConnectionCertificateAsync(webhook, rotated))?.Thumbprint);
    }
}
