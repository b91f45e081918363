using System.CommandLine;
using Kubeguard.Cli;
using Kubeguard.Cli.Commands;

var root = new RootCommand("Kubeguard: a Kubernetes security guard with Pod Security Admission parity.")
{
    CliOptions.Verbose,
    VersionCommand.Create(),
    ScanCommand.Create(),
    WebhookCommand.Create(),
    PrometheusCommand.Create(),
    ImagesCommand.Create(),
    FixCommand.Create(),
    ChecksCommand.Create(),
    ExplainCommand.Create(),
    ClusterCommand.Create(),
    DebugCommand.Create(),
};

return await CliHost.RunAsync(root, args);
