using System.Text;
using Kubeguard.Admission.Wire;

namespace Kubeguard.Admission.Tests;

public class AdmissionReviewCodecTests
{
    private static ReviewParseResult Parse(string body) => AdmissionReviewCodec.Parse(Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("", "request body is empty; expected an admission.k8s.io/v1 AdmissionReview")]
    [InlineData("  \n", "request body is empty; expected an admission.k8s.io/v1 AdmissionReview")]
    [InlineData("null", "request body is null; expected an admission.k8s.io/v1 AdmissionReview")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{}}""", "expected apiVersion \"admission.k8s.io/v1\" and kind \"AdmissionReview\", got \"admission.k8s.io/v1beta1\" and \"AdmissionReview\"")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod"}""", "expected apiVersion \"admission.k8s.io/v1\" and kind \"AdmissionReview\", got \"v1\" and \"Pod\"")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "AdmissionReview has no request")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}""", "AdmissionReview request has no uid")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1"}}""", "AdmissionReview request has no operation or resource")]
    public void Malformed_reviews_get_a_one_line_reason(string body, string reason)
    {
        var result = Parse(body);

        Assert.Null(result.Request);
        Assert.Equal(reason, result.Error);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":5}}""")]
    public void Invalid_json_is_reported_on_one_line(string body)
    {
        var result = Parse(body);

        Assert.StartsWith("request body is not a valid AdmissionReview JSON document: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void The_response_copies_the_uid_and_omits_what_is_empty()
    {
        var json = Encoding.UTF8.GetString(AdmissionReviewCodec.Serialize(AdmissionReviewCodec.Respond("abc", AdmissionDecision.Allow)));

        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"abc","allowed":true}}""", json);
    }

    [Fact]
    public void Quotes_in_messages_are_escaped_as_the_api_server_does()
    {
        var decision = new AdmissionDecision { Allowed = false, Status = AdmissionStatus.BadRequest("failed \"x\"") };

        var json = Encoding.UTF8.GetString(AdmissionReviewCodec.Serialize(AdmissionReviewCodec.Respond("u", decision)));

        Assert.Contains("""
            "message":"failed \"x\""
            """, json, StringComparison.Ordinal);
    }
}
