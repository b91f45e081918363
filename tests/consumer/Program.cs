using k8s.Models;
using Kubeguard.Policy;

// Evaluates one privileged pod against baseline and prints the Pod Security Admission denial.
var pod = new V1Pod
{
    Metadata = new V1ObjectMeta { Name = "web" },
    Spec = new V1PodSpec
    {
        Containers =
        [
            new V1Container
            {
                Name = "app",
                Image = "nginx:1.27",
                SecurityContext = new V1SecurityContext { Privileged = true },
            },
        ],
    },
};

if (!LevelVersion.TryParse("baseline:latest", out var policy))
{
    Console.Error.WriteLine("policy did not parse");
    return 2;
}

var result = PolicyEvaluator.Default.Evaluate(policy, pod);
Console.WriteLine(result.Allowed ? "allowed" : result.DenialMessage(pod.Metadata.Name));
return result.Allowed ? 0 : 1;
