using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Tests.Lab;

namespace Kubeguard.PromAudit.Tests;

/// <summary>
/// The recording proxies in front of the real servers saw every request the auditor sent. This list
/// is written out here, independently of <see cref="RequestGate"/>, so a loosened gate fails these tests.
/// </summary>
[Collection(PrometheusLabGroup.Name)]
public sealed class SafetyTests(PrometheusLab lab)
{
    private static readonly HashSet<string> AllowedGets =
    [
        "/api/v1/status/buildinfo", "/version", "/api/v1/status/config", "/api/v1/status/flags", "/api/v1/status/runtimeinfo",
        "/api/v1/status/tsdb", "/api/v1/targets", "/api/v1/rules", "/api/v1/alerts", "/api/v1/alertmanagers",
        "/api/v1/labels", "/api/v1/label/__name__/values", "/federate", "/debug/pprof/", "/debug/pprof/cmdline",
    ];

    private static IEnumerable<RecordedRequest> AllRequests(PrometheusLab lab) =>
        lab.ExposedProxy.Requests.Concat(lab.HardenedProxy.Requests);

    [Fact]
    public void The_proxies_recorded_the_audits()
    {
        Assert.True(lab.ExposedProxy.Requests.Count >= 30);
        Assert.True(lab.HardenedProxy.Requests.Count >= 30);
    }

    [Fact]
    public void Every_request_is_a_GET_on_an_allowed_read_endpoint_or_a_query_POST()
    {
        foreach (var r in AllRequests(lab))
        {
            if (r.Method == "GET")
            {
                Assert.True(AllowedGets.Contains(r.Path), $"GET {r.Path}{r.Query} is not an allowed read endpoint");
            }
            else
            {
                Assert.Equal("POST", r.Method);
                Assert.Equal("/api/v1/query", r.Path);
                Assert.Equal("", r.Query);
                Assert.Contains("timeout=", r.Form, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void No_write_capable_profiling_or_bulk_export_request_is_ever_sent()
    {
        foreach (var r in AllRequests(lab))
        {
            Assert.DoesNotContain("/admin", r.Path, StringComparison.Ordinal);
            Assert.False(r.Path.StartsWith("/-/", StringComparison.Ordinal), r.Path);
            Assert.False(r.Path is "/api/v1/write" or "/api/v1/read" or "/api/v1/query_range" or "/debug/pprof/profile" or "/debug/pprof/trace", r.Path);
            Assert.DoesNotContain("/otlp", r.Path, StringComparison.Ordinal);
            if (r.Path == "/federate")
            {
                Assert.Equal("", r.Query);
            }

            var form = Uri.UnescapeDataString(r.Form.Replace('+', ' '));
            Assert.DoesNotContain("__name__", form, StringComparison.Ordinal);
            Assert.DoesNotContain("[", form, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_audit_stays_within_its_request_budget()
    {
        foreach (var report in new[] { lab.ExposedReport, lab.HardenedAuthenticatedReport, lab.HardenedAnonymousReport })
        {
            Assert.InRange(report.Requests.Length, 1, new ClientSettings().MaxRequests);
            Assert.DoesNotContain(report.Requests, r => r.Failure == FailureKind.Refused);
        }
    }

    [Fact]
    public void The_admin_and_lifecycle_features_are_found_only_through_the_flags()
    {
        var paths = lab.ExposedProxy.Requests.Select(r => r.Path).ToHashSet();
        Assert.Contains("/api/v1/status/flags", paths);
        Assert.Equal(ProbeOutcome.Exposed, lab.ExposedReport.Findings.Single(f => f.Id.Code == "PROM-020").Outcome);
        Assert.DoesNotContain(paths, p => p.Contains("admin", StringComparison.Ordinal) || p.Contains("quit", StringComparison.Ordinal) || p.Contains("reload", StringComparison.Ordinal));
    }
}
