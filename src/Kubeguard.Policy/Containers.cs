using k8s.Models;

namespace Kubeguard.Policy;

/// <summary>Which list of the pod spec a container comes from.</summary>
internal enum ContainerKind
{
    /// <summary><c>spec.initContainers</c>.</summary>
    Init,

    /// <summary><c>spec.containers</c>.</summary>
    Regular,

    /// <summary><c>spec.ephemeralContainers</c>.</summary>
    Ephemeral,
}

/// <summary>The fields every kind of container shares, without copying them.</summary>
internal readonly struct ContainerView
{
    private readonly V1Container? _container;
    private readonly V1EphemeralContainer? _ephemeral;

    internal ContainerView(V1Container container, int index, ContainerKind kind)
    {
        _container = container;
        _ephemeral = null;
        Index = index;
        Kind = kind;
    }

    internal ContainerView(V1EphemeralContainer container, int index)
    {
        _container = null;
        _ephemeral = container;
        Index = index;
        Kind = ContainerKind.Ephemeral;
    }

    /// <summary>The list the container is in.</summary>
    public ContainerKind Kind { get; }

    /// <summary>Position in its list.</summary>
    public int Index { get; }

    /// <summary>Container name (empty when absent).</summary>
    public string Name => (_container?.Name ?? _ephemeral?.Name) ?? string.Empty;

    /// <summary>Container image.</summary>
    public string? Image => _container?.Image ?? _ephemeral?.Image;

    /// <summary>Container security context.</summary>
    public V1SecurityContext? SecurityContext => _container?.SecurityContext ?? _ephemeral?.SecurityContext;

    /// <summary>Container ports.</summary>
    public IList<V1ContainerPort>? Ports => _container?.Ports ?? _ephemeral?.Ports;

    /// <summary>Liveness probe.</summary>
    public V1Probe? LivenessProbe => _container?.LivenessProbe ?? _ephemeral?.LivenessProbe;

    /// <summary>Readiness probe.</summary>
    public V1Probe? ReadinessProbe => _container?.ReadinessProbe ?? _ephemeral?.ReadinessProbe;

    /// <summary>Startup probe.</summary>
    public V1Probe? StartupProbe => _container?.StartupProbe ?? _ephemeral?.StartupProbe;

    /// <summary>Lifecycle hooks.</summary>
    public V1Lifecycle? Lifecycle => _container?.Lifecycle ?? _ephemeral?.Lifecycle;

    /// <summary>JSON path of the container relative to the pod spec, e.g. <c>containers[1]</c>.</summary>
    public string Path => Kind switch
    {
        ContainerKind.Init => $"initContainers[{Index}]",
        ContainerKind.Regular => $"containers[{Index}]",
        _ => $"ephemeralContainers[{Index}]",
    };
}

/// <summary>Visits init, regular, then ephemeral containers, in list order, without allocating.</summary>
internal readonly struct AllContainers(V1PodSpec spec)
{
    /// <summary>The enumerator.</summary>
    public Enumerator GetEnumerator() => new(spec);

    /// <summary>Allocation-free enumerator over the three container lists.</summary>
    public struct Enumerator
    {
        private readonly V1PodSpec _spec;
        private int _list;
        private int _index;

        internal Enumerator(V1PodSpec spec)
        {
            _spec = spec;
            _list = 0;
            _index = -1;
            Current = default;
        }

        /// <summary>The current container.</summary>
        public ContainerView Current { get; private set; }

        /// <summary>Moves to the next container.</summary>
        public bool MoveNext()
        {
            while (_list < 3)
            {
                _index++;
                switch (_list)
                {
                    case 0 when _spec.InitContainers is { } init && _index < init.Count:
                        Current = new ContainerView(init[_index], _index, ContainerKind.Init);
                        return true;
                    case 1 when _spec.Containers is { } regular && _index < regular.Count:
                        Current = new ContainerView(regular[_index], _index, ContainerKind.Regular);
                        return true;
                    case 2 when _spec.EphemeralContainers is { } ephemeral && _index < ephemeral.Count:
                        Current = new ContainerView(ephemeral[_index], _index);
                        return true;
                }

                _list++;
                _index = -1;
            }

            return false;
        }
    }
}

/// <summary>Extensions over pod specs.</summary>
internal static class PodSpecExtensions
{
    /// <summary>Init, regular, then ephemeral containers.</summary>
    public static AllContainers AllContainers(this V1PodSpec spec) => new(spec);

    /// <summary>True when <c>spec.os.name</c> is exactly <c>windows</c>.</summary>
    public static bool IsWindows(this V1PodSpec spec) => spec.Os?.Name == "windows";

    /// <summary>True when <c>spec.hostUsers</c> is present and false.</summary>
    public static bool HasUserNamespace(this V1PodSpec spec) => spec.HostUsers == false;
}
