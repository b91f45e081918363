using System.Globalization;
using Kubeguard.Cluster.Analysis;

namespace Kubeguard.Cli;

/// <summary>
/// One status line on standard error while a cluster is read (only created when standard error is
/// a terminal), redrawn at most every 100 ms and erased when the read ends.
/// </summary>
internal sealed class TerminalProgress(TextWriter error, TimeProvider time) : IProgress<ReadProgress>, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private bool _shown;

    public void Report(ReadProgress value)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _last < Interval)
            {
                return;
            }

            _last = now;
            var where = value.Namespace is null ? "" : " in " + value.Namespace;
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[Kreading {value.Resource}{where}: {value.Objects:N0} objects, {value.Namespaces:N0} namespaces"));
            error.Flush();
            _shown = true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_shown)
            {
                error.Write("\r\u001b[K");
                error.Flush();
                _shown = false;
            }
        }
    }
}
