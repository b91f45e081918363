using System.Globalization;

namespace Kubeguard.Cluster.Benchmarks;

/// <summary>
/// Samples the managed heap while a run goes on (every 20 ms): the largest heap seen, and at the
/// end the collection counts and the allocation total, to tell where peak memory goes.
/// </summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _maxHeap;
    private long _maxCommitted;
    private string _maxPhase = "start";

    private long _phaseTicks = Environment.TickCount64;
    private string _phase = "start";

    /// <summary>What the run is doing now (the resource being listed), to tell where the peak falls.</summary>
    public string Phase
    {
        get => _phase;
        set
        {
            _phase = value;
            _phaseTicks = Environment.TickCount64;
        }
    }

    public HeapSampler()
    {
        _timer = new Timer(_ => Sample(), null, 0, 20);
    }

    public string Summary()
    {
        Sample();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return string.Create(CultureInfo.InvariantCulture,
            $"    heap: max total {_maxHeap / 1048576.0:F0} MB, max committed {_maxCommitted / 1048576.0:F0} MB (largest while {_maxPhase}), allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB, gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, last GC: heap {info.HeapSizeBytes / 1048576.0:F0} MB, fragmented {info.FragmentedBytes / 1048576.0:F0} MB, LOH after {info.GenerationInfo[3].SizeAfterBytes / 1048576.0:F0} MB");
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var total = GC.GetTotalMemory(false);
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        InterlockedMax(ref _maxHeap, total);
        if (InterlockedMax(ref _maxCommitted, committed))
        {
            _maxPhase = $"{Phase}, {Environment.TickCount64 - _phaseTicks} ms after its last page";
        }
    }

    private static bool InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return true;
            }
        }

        return false;
    }
}
