using Xunit.Abstractions;

namespace Kubeguard.Fix.Tests;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_plain_deployment_gets_the_restricted_safe_fixes()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web # the web tier
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: nginx

                    ports:
                    - containerPort: 8080
            """;
        var result = Fix.Text(yaml);
        output.WriteLine(result.OutputText);
        foreach (var w in result.Workloads)
        {
            foreach (var a in w.Actions)
            {
                output.WriteLine($"{a.CheckId} {a.Class} {a.Status} {a.Operation} {a.Path} {a.Before} -> {a.After} line {a.Line}: {a.Note}");
            }

            output.WriteLine(w.Problem ?? "ok");
        }

        output.WriteLine(result.VerificationFailure ?? "verified");
        Assert.True(result.Changed);
    }
}
