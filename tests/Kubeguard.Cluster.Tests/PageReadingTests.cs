using System.Buffers;
using System.Text;
using k8s.Models;
using Kubeguard.Cluster.Reading;

namespace Kubeguard.Cluster.Tests;

/// <summary>How one item of a list page becomes a model: only the parts no check reads are dropped.</summary>
public sealed class PageReadingTests
{
    private static string Slim(string json, ResourceKind kind)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonSlimmer.Write(Encoding.UTF8.GetBytes(json), output, kind.Dropped);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Status_and_managed_fields_are_dropped_and_everything_else_is_copied_byte_for_byte()
    {
        const string pod = """{"metadata":{"name":"a","managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{}}}],"labels":{"x":"y"}},"spec":{"containers":[{"name":"c","image":"i:1"}]},"status":{"phase":"Running"}}""";

        Assert.Equal("""{"metadata":{"name":"a","labels":{"x":"y"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}""", Slim(pod, ResourceKind.Pod));
    }

    [Fact]
    public void A_secret_keeps_its_type_and_metadata_but_never_its_data()
    {
        var secretKind = Assert.Single(ResourceKind.CheckInputs, k => k.Kind == "Secret");
        const string secret = """{"metadata":{"name":"t","namespace":"n"},"type":"kubernetes.io/service-account-token","data":{"token":"c2VjcmV0"},"stringData":{"a":"b"}}""";

        var slim = Slim(secret, secretKind);
        var model = Assert.IsType<V1Secret>(secretKind.Read(Encoding.UTF8.GetBytes(slim)));

        Assert.Equal("""{"metadata":{"name":"t","namespace":"n"},"type":"kubernetes.io/service-account-token"}""", slim);
        Assert.Null(model.Data);
        Assert.Equal("kubernetes.io/service-account-token", model.Type);
        Assert.Equal("type=kubernetes.io/service-account-token", secretKind.FieldSelector);
    }

    [Fact]
    public void Custom_resources_become_unstructured_objects_of_their_kind()
    {
        var felix = Assert.Single(ResourceKind.CheckInputs, k => k.Kind == "FelixConfiguration");

        var model = Assert.IsType<Kubeguard.Checks.UnstructuredObject>(felix.Read(Encoding.UTF8.GetBytes("""{"apiVersion":"crd.projectcalico.org/v1","kind":"FelixConfiguration","metadata":{"name":"default"},"spec":{"wireguardEnabled":false}}""")));

        Assert.Equal("default", model.Metadata.Name);
        Assert.False(model.BoolAt("spec.wireguardEnabled"));
        Assert.Equal("apis/crd.projectcalico.org/v1/felixconfigurations", felix.ListPath(null));
    }
}
