using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Cluster.Connection;

namespace Kubeguard.Cluster.Debug;

/// <summary>
/// Adds an ephemeral debug container to a live pod: reads the pod and its namespace, plans and proves
/// the container with the engine, adds it through <c>pods/ephemeralcontainers</c>, records who asked and
/// why in an annotation, and waits (bounded) until it runs or fails. Nothing is sent after a failure.
/// </summary>
public sealed class DebugSession(IKubernetes client, string server, TimeProvider time)
{
    /// <summary>The prefix of the annotation recording a debug container: <c>debug.kubeguard.io/&lt;container&gt;</c>.</summary>
    public const string AnnotationPrefix = "debug.kubeguard.io/";

    /// <summary>How often the pod is read while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs the session; with <paramref name="dryRun"/> only reads and plans.</summary>
    public async Task<DebugOutcome> RunAsync(DebugRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pod, podFailure) = await CallAsync(() => client.CoreV1.ReadNamespacedPodAsync(request.Pod, request.Namespace, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (podFailure is not null)
        {
            return Failed(podFailure.Kind == FailureKind.NotFound ? $"pod \"{request.Pod}\" not found in namespace \"{request.Namespace}\"" : $"cannot read pod \"{request.Pod}\": {podFailure.Message}");
        }

        var (ns, nsFailure) = await CallAsync(() => client.CoreV1.ReadNamespaceAsync(request.Namespace, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (nsFailure is not null)
        {
            return Failed($"cannot read namespace \"{request.Namespace}\" to learn its Pod Security level: {nsFailure.Message}");
        }

        var (plan, problem) = DebugPlanner.Plan(pod!, ns!.Metadata?.Labels as IReadOnlyDictionary<string, string> ?? ns.Metadata?.Labels?.ToDictionary(), request);
        if (plan is null)
        {
            return Failed(problem!);
        }

        if (!plan.Admitted)
        {
            return new DebugOutcome(DebugStatus.Refused, plan.Verdict.DenialMessage(request.Pod), plan);
        }

        if (dryRun)
        {
            return new DebugOutcome(DebugStatus.Planned, $"would add ephemeral container \"{request.ContainerName}\" ({DebugProfiles.Name(plan.Profile)}) to pod \"{request.Pod}\"; allowed by PodSecurity \"{plan.Policy}\"", plan);
        }

        var patch = new V1Patch(DebugPlanner.Patch(plan.Container), V1Patch.PatchType.StrategicMergePatch);
        var (_, patchFailure) = await CallAsync(() => client.CoreV1.PatchNamespacedPodEphemeralcontainersAsync(patch, request.Pod, request.Namespace, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (patchFailure is not null)
        {
            return Failed($"the API server did not add the debug container: {patchFailure.Message}") with { Plan = plan };
        }

        string? warning = null;
        if (request.Annotate)
        {
            var annotation = new V1Patch(AnnotationPatch(request, plan), V1Patch.PatchType.MergePatch);
            var (_, annotateFailure) = await CallAsync(() => client.CoreV1.PatchNamespacedPodAsync(annotation, request.Pod, request.Namespace, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            warning = annotateFailure is null ? null : $"the debug container was added but the pod could not be annotated: {annotateFailure.Message}";
        }

        return await WaitAsync(request, plan, cancellationToken).ConfigureAwait(false) with { Warning = warning };
    }

    /// <summary>The merge patch that records the debug container in the pod's annotations.</summary>
    public string AnnotationPatch(DebugRequest request, DebugPlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var record = new JsonObject
        {
            ["requestedBy"] = request.RequestedBy,
            ["reason"] = request.Reason ?? string.Empty,
            ["image"] = plan.Container.Image,
            ["profile"] = DebugProfiles.Name(plan.Profile),
            ["target"] = plan.Container.TargetContainerName,
            ["at"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        var value = record.ToJsonString();
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [AnnotationPrefix + request.ContainerName] = value },
            },
        }.ToJsonString();
    }

    private async Task<DebugOutcome> WaitAsync(DebugRequest request, DebugPlan plan, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + request.Wait;
        while (true)
        {
            var (pod, failure) = await CallAsync(() => client.CoreV1.ReadNamespacedPodAsync(request.Pod, request.Namespace, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return new DebugOutcome(DebugStatus.NotStarted, $"the debug container was added but the pod could not be read back: {failure.Message}", plan);
            }

            var state = pod!.Status?.EphemeralContainerStatuses?.FirstOrDefault(s => s.Name == request.ContainerName)?.State;
            if (state?.Running is not null)
            {
                return new DebugOutcome(DebugStatus.Running, $"kubectl attach -it {request.Pod} -n {request.Namespace} -c {request.ContainerName}", plan);
            }

            if (state?.Terminated is { } done)
            {
                return new DebugOutcome(DebugStatus.NotStarted, $"the debug container ended: {done.Reason ?? "terminated"} (exit code {done.ExitCode}){(string.IsNullOrEmpty(done.Message) ? string.Empty : ": " + done.Message)}", plan);
            }

            if (state?.Waiting is { Reason: "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName" or "CreateContainerConfigError" or "CreateContainerError" } waiting)
            {
                return new DebugOutcome(DebugStatus.NotStarted, $"the debug container cannot start: {waiting.Reason}{(string.IsNullOrEmpty(waiting.Message) ? string.Empty : ": " + waiting.Message)}", plan);
            }

            if (time.GetUtcNow() >= deadline)
            {
                return new DebugOutcome(DebugStatus.NotStarted, $"the debug container did not start within {request.Wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s{(state?.Waiting?.Reason is { } why ? " (" + why + ")" : string.Empty)}; see kubectl describe pod {request.Pod} -n {request.Namespace}", plan);
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DebugOutcome Failed(string message) => new(DebugStatus.Failed, message, null);

    private async Task<(T? Value, ClusterFailure? Failure)> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await call().ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ApiFailures.Classify(ex, server, cancellationToken) is { } failure)
        {
            return (null, failure);
        }
    }
}
