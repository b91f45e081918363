using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.Admission;
using Kubeguard.Admission.Tests;
using Kubeguard.Checks;

namespace Kubeguard.Webhook.Tests;

/// <summary>The checks beyond Pod Security switched on in the real server, over real TLS.</summary>
public class AdmissionChecksOverTlsTests
{
    private static async Task<string> PostAsync(RunningWebhook webhook, string scenario)
    {
        using var client = webhook.Client();
        var body = await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, scenario + ".request.json"));
        using var response = await client.PostAsync("/validate?timeout=10s", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task An_admitted_pod_gets_the_recorded_pod_security_answer_plus_the_checks_warnings()
    {
        await using var webhook = await RunningWebhook.StartAsync(o => o with { Checks = new AdmissionCheckOptions() });

        var json = JsonNode.Parse(await PostAsync(webhook, "pod-create-allowed-restricted"))!;

        var warnings = json["response"]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToArray();
        Assert.Equal(
            [
                "kubeguard image-not-pinned-by-digest (low): container \"web\" image \"nginx:1.27\" is not pinned by digest",
                "kubeguard default-service-account (low): Pod web names no service account, so it runs as \"default\"",
            ],
            warnings);
        json["response"]!.AsObject().Remove("warnings");
        AdmissionFixtures.AssertResponse("pod-create-allowed-restricted", json.ToJsonString());
    }

    [Fact]
    public async Task With_the_checks_on_every_recorded_answer_keeps_its_pod_security_part()
    {
        // Given: the checks on, warnings only
        await using var webhook = await RunningWebhook.StartAsync(o => o with { Checks = new AdmissionCheckOptions() });
        var withFindings = 0;

        foreach (var scenario in AdmissionFixtures.Names())
        {
            // When: the checks' warnings (and only those) are taken out again
            var json = JsonNode.Parse(await PostAsync(webhook, scenario))!;
            var response = json["response"]!.AsObject();
            if (response["warnings"] is JsonArray warnings)
            {
                var ours = warnings.Where(w => w!.GetValue<string>().StartsWith("kubeguard ", StringComparison.Ordinal)).ToList();
                withFindings += ours.Count > 0 ? 1 : 0;
                foreach (var warning in ours)
                {
                    warnings.Remove(warning);
                }

                if (warnings.Count == 0)
                {
                    response.Remove("warnings");
                }
            }

            // Then: what is left is the recorded Pod Security answer
            AdmissionFixtures.AssertResponse(scenario, json.ToJsonString());
        }

        Assert.True(withFindings > 0, "no recorded request got a finding, so this test proves nothing");
    }

    [Fact]
    public async Task A_finding_at_the_deny_severity_denies_over_tls()
    {
        await using var webhook = await RunningWebhook.StartAsync(o => o with { Checks = new AdmissionCheckOptions { DenyOn = Severity.Low } });

        var response = JsonNode.Parse(await PostAsync(webhook, "pod-create-allowed-restricted"))!["response"]!;

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal("11111111-0000-4000-8000-000000000002", response["uid"]!.GetValue<string>());
        Assert.Null(response["warnings"]);
        Assert.Equal(403, response["status"]!["code"]!.GetValue<int>());
        Assert.Equal(
            "pods \"web\" is forbidden: violates Kubeguard checks: image-not-pinned-by-digest (low): container \"web\" image \"nginx:1.27\" is not pinned by digest; "
            + "default-service-account (low): Pod web names no service account, so it runs as \"default\"",
            response["status"]!["message"]!.GetValue<string>());
    }
}
