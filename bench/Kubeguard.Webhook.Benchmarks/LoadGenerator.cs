using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubeguard.Webhook.Benchmarks;

/// <summary>
/// A bounded loopback load test: N keep-alive HTTPS connections POST one recorded AdmissionReview
/// for a fixed time and the latency distribution is reported. Not a unit test; nothing is asserted.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var url = new Uri(Arg("--url", "https://127.0.0.1:8443/validate"));
        var caFile = Arg("--ca", "");
        var connections = int.Parse(Arg("--connections", "100"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg("--seconds", "10"), CultureInfo.InvariantCulture);
        var scenario = Arg("--scenario", "pod-create-denied-restricted");
        if (seconds is <= 0 or > 120 || connections is <= 0 or > 1000 || !url.IsLoopback)
        {
            await Console.Error.WriteLineAsync("load: --seconds 1..120, --connections 1..1000, and a loopback --url only");
            return 2;
        }

        var body = await File.ReadAllBytesAsync(RepositoryFiles.Admission(scenario + ".request.json"));
        using var ca = string.IsNullOrEmpty(caFile) ? null : X509CertificateLoader.LoadCertificateFromFile(caFile);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (ca is not null && certificate is not null && ca.RawData.AsSpan().SequenceEqual(certificate.GetRawCertData())),
            },
        };
        using var client = new HttpClient(handler);

        // Warm up the connections and the server's JIT.
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => SendAsync(client, url, body)));

        var latencies = new List<double>[connections];
        var errors = 0L;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (await SendAsync(client, url, body))
                {
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario={scenario} connections={connections} duration={elapsed:F1}s requests={all.Length} errors={errors} throughput={all.Length / elapsed:F0}/s p50={Percentile(0.50):F2}ms p90={Percentile(0.90):F2}ms p99={Percentile(0.99):F2}ms max={(all.Length == 0 ? double.NaN : all[^1]):F2}ms"));
        return errors == 0 ? 0 : 1;
    }

    private static async Task<bool> SendAsync(HttpClient client, Uri url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await client.PostAsync(url, content);
            var text = await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode && text.Length > 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
