using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using Kubeguard.Checks.Tee;

namespace Kubeguard.Checks.Benchmarks;

/// <summary>
/// The tee family alone over <see cref="Pods"/> confidential Deployments, each with its own
/// init-data (gzip + base64 TOML carrying aa.toml, cdh.toml and a Rego agent policy), a Secret it
/// reads (every third one plain, the rest sealed) and an emptyDir; plus the kata-deploy
/// RuntimeClasses, ten NFD-labelled nodes and a KBS configuration with its resource policy.
/// </summary>
[MemoryDiagnoser]
public class TeeBenchmarks
{
    private const string Toml = """
        version = "0.1.0"
        algorithm = "sha384"

        [data]
        "aa.toml" = '''
        [token_configs.kbs]
        url = "https://kbs.example:8080"
        '''

        "cdh.toml" = '''
        [kbc]
        name = "cc_kbc"
        url = "https://kbs.example:8080"

        [image]
        image_security_policy_uri = "kbs:///default/security-policy/prod"
        '''

        "policy.rego" = '''
        package agent_policy

        default CopyFileRequest := false
        default CreateContainerRequest := false
        default ExecProcessRequest := false
        default ReadStreamRequest := false
        default SetPolicyRequest := false
        default WriteStreamRequest := false
        default AllowRequestsFailingPolicy := false

        CreateContainerRequest if {
            input.OCI.Version == "1.1.0"
        }

        policy_data := {
          "request_defaults": {
            "ExecProcessRequest": {"allowed_commands": ["/usr/bin/healthcheck --ready"], "regex": []},
            "ReadStreamRequest": false,
            "WriteStreamRequest": false
          }
        }
        '''
        """;

    private static readonly CheckOptions TeeOnly = CheckOptions.Default with { Families = [CheckFamily.Tee] };

    private Inventory _inventory = Inventory.Empty;
    private string _initData = string.Empty;

    [Params(100, 1000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _initData = Encode(Toml);
        _inventory = Inventory.From(Build(Pods, _initData));
    }

    [Benchmark]
    public int EvaluateTeeFamily() => InventoryEvaluator.Default.Evaluate(_inventory, TeeOnly).Length;

    [Benchmark]
    public int ClassifyTeePods() => TeeIntent.Intended(_inventory).Count();

    [Benchmark]
    public bool DecodeInitData() => InitData.Decode(_initData).IsValid;

    private static string Encode(string toml)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(toml));
        }

        return Convert.ToBase64String(output.ToArray());
    }

    private static List<InventoryObject> Build(int pods, string initData)
    {
        var objects = new List<InventoryObject>();
        var location = new SourceLocation("bench.yaml", 1);
        void Add(IKubernetesObject<V1ObjectMeta> o) => objects.Add(new InventoryObject(o, location));

        foreach (var name in new[] { "kata-qemu-snp", "kata-qemu-tdx", "kata-qemu-coco-dev" })
        {
            Add(new V1RuntimeClass
            {
                Kind = "RuntimeClass",
                Metadata = new V1ObjectMeta { Name = name },
                Handler = name,
                Scheduling = new V1Scheduling { NodeSelector = new Dictionary<string, string> { ["katacontainers.io/kata-runtime"] = "true", ["amd.feature.node.kubernetes.io/snp"] = "true" } },
            });
        }

        for (var n = 0; n < 10; n++)
        {
            Add(new V1Node
            {
                Kind = "Node",
                Metadata = new V1ObjectMeta { Name = $"worker-{n}", Labels = new Dictionary<string, string> { ["katacontainers.io/kata-runtime"] = "true", ["amd.feature.node.kubernetes.io/snp"] = "true" } },
            });
        }

        Add(new V1ConfigMap
        {
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "kbs-config", NamespaceProperty = "trustee" },
            Data = new Dictionary<string, string>
            {
                ["kbs-config.toml"] = "[http_server]\ninsecure_http = false\n[admin]\nauthorization_mode = \"AuthenticatedAuthorization\"\n[policy_engine]\npolicy_path = \"/opt/kbs/policy.rego\"\n",
                ["policy.rego"] = "package policy\ndefault allow := false\nallow if {\n  input[\"submods\"][\"cpu0\"][\"ear.status\"] == \"affirming\"\n}\n",
            },
        });

        for (var p = 0; p < pods; p++)
        {
            var ns = $"ns-{p % 20}";
            var labels = new Dictionary<string, string> { ["app"] = $"app-{p}" };
            Add(new V1Secret
            {
                Kind = "Secret",
                Metadata = new V1ObjectMeta { Name = $"db-{p}", NamespaceProperty = ns },
                StringData = new Dictionary<string, string> { ["password"] = p % 3 == 0 ? "hunter2" : "sealed.fakejwsheader.eyJ2ZXJzaW9uIjoiMC4xLjAifQ.fakesig" },
            });
            Add(new V1Deployment
            {
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = $"app-{p}", NamespaceProperty = ns },
                Spec = new V1DeploymentSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels, Annotations = new Dictionary<string, string> { [TeeAnnotations.InitData] = initData } },
                        Spec = new V1PodSpec
                        {
                            RuntimeClassName = p % 10 == 0 ? "kata-qemu-coco-dev" : p % 2 == 0 ? "kata-qemu-snp" : "kata-qemu-tdx",
                            Containers =
                            [
                                new V1Container
                                {
                                    Name = "app",
                                    Image = p % 4 == 0 ? "registry.example/app:1.0" : "registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000",
                                    Env = [new V1EnvVar { Name = "DB_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = $"db-{p}", Key = "password" } } }],
                                    VolumeMounts = [new V1VolumeMount { Name = "scratch", MountPath = "/scratch" }],
                                },
                            ],
                            Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }],
                        },
                    },
                },
            });
        }

        return objects;
    }
}
