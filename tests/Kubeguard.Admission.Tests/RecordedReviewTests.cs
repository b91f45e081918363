using System.Text;
using Kubeguard.Admission.Wire;

namespace Kubeguard.Admission.Tests;

public class RecordedReviewTests
{
    private static readonly AdmissionEvaluator Evaluator = new(AdmissionFixtures.Configuration(), AdmissionFixtures.Namespaces());

    [Theory]
    [MemberData(nameof(AdmissionFixtures.Scenarios), MemberType = typeof(AdmissionFixtures))]
    public async Task Each_recorded_request_gets_its_recorded_response(string scenario)
    {
        // Given
        var body = File.ReadAllBytes(Path.Combine(AdmissionFixtures.Directory, scenario + ".request.json"));

        // When
        var parsed = AdmissionReviewCodec.Parse(body);
        Assert.Null(parsed.Error);
        var decision = await Evaluator.EvaluateAsync(AdmissionReviewCodec.ToAttributes(parsed.Request!));
        var response = AdmissionReviewCodec.Serialize(AdmissionReviewCodec.Respond(parsed.Request!.Uid!, decision));

        // Then
        AdmissionFixtures.AssertResponse(scenario, Encoding.UTF8.GetString(response));
    }

    [Fact]
    public void Every_response_has_a_request_and_every_request_a_response()
    {
        var files = Directory.GetFiles(AdmissionFixtures.Directory, "*.json").Select(Path.GetFileName).Where(f => !f!.Contains(".received.", StringComparison.Ordinal)).ToList();
        var requests = files.Where(f => f!.EndsWith(".request.json", StringComparison.Ordinal)).Select(f => f![..^".request.json".Length]).Order().ToList();
        var responses = files.Where(f => f!.EndsWith(".response.json", StringComparison.Ordinal)).Select(f => f![..^".response.json".Length]).Order().ToList();

        Assert.NotEmpty(requests);
        Assert.Equal(requests, responses);
        Assert.Equal(files.Count, requests.Count * 2);
    }

    [Fact]
    public void Every_recorded_response_passes_the_api_server_checks()
    {
        foreach (var scenario in AdmissionFixtures.Names())
        {
            var request = AdmissionReviewCodec.Deserialize(File.ReadAllBytes(Path.Combine(AdmissionFixtures.Directory, scenario + ".request.json")))!;
            var response = AdmissionReviewCodec.Deserialize(File.ReadAllBytes(Path.Combine(AdmissionFixtures.Directory, scenario + ".response.json")))!;

            Assert.Equal("admission.k8s.io/v1", response.ApiVersion);
            Assert.Equal("AdmissionReview", response.Kind);
            Assert.NotNull(response.Response);
            Assert.Equal(request.Request!.Uid, response.Response.Uid);
            Assert.Null(response.Request);
        }
    }
}
