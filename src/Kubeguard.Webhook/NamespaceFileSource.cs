using k8s.Models;
using Kubeguard.Admission;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Webhook;

/// <summary>
/// Namespace labels (and pods) from <c>--namespaces-file</c>, re-read when the file changes. A change
/// is applied once the file has kept the same content for one more check (debounce: a writer
/// caught halfway is not read). A file that cannot be read, is empty, or holds a document that is
/// not valid YAML is not applied: the last good content stays in force and the reason is logged.
/// </summary>
public sealed partial class NamespaceFileSource : INamespaceSource, IDisposable
{
    private readonly string _file;
    private readonly ILogger _logger;
    private readonly ITimer? _timer;
    private readonly Lock _gate = new();
    private StaticNamespaceSource _current;
    private byte[] _seen;
    private byte[]? _pending;

    /// <summary>Loads the file and, when <paramref name="checkInterval"/> is finite, checks it for changes at that interval.</summary>
    /// <exception cref="WebhookStartupException">The file cannot be read.</exception>
    public NamespaceFileSource(string file, TimeSpan checkInterval, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(logger);
        _file = file;
        _logger = logger;
        try
        {
            _seen = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WebhookStartupException($"cannot read --namespaces-file {file}: {ex.Message}", ex);
        }

        // At startup every readable document is used, and the others are logged.
        var read = NamespaceManifestLoader.Read(Text(_seen), file);
        foreach (var problem in read.Problems)
        {
            LogManifestProblem(logger, problem);
        }

        _current = read.Source;
        if (checkInterval > TimeSpan.Zero && checkInterval != Timeout.InfiniteTimeSpan)
        {
            _timer = (time ?? TimeProvider.System).CreateTimer(_ => Check(), null, checkInterval, checkInterval);
        }
    }

    /// <summary>Number of namespaces in force.</summary>
    public int NamespaceCount => Volatile.Read(ref _current).NamespaceCount;

    /// <inheritdoc/>
    public ValueTask<NamespaceLookup> GetNamespaceAsync(string name, CancellationToken cancellationToken) =>
        Volatile.Read(ref _current).GetNamespaceAsync(name, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<V1Pod>> ListPodsAsync(string name, CancellationToken cancellationToken) =>
        Volatile.Read(ref _current).ListPodsAsync(name, cancellationToken);

    /// <summary>One check of the file (the timer calls this); returns what happened.</summary>
    public NamespaceFileCheck Check()
    {
        lock (_gate)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(_file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogKept(_logger, _file, "cannot read it: " + ex.Message);
                return NamespaceFileCheck.Kept;
            }

            if (bytes.AsSpan().SequenceEqual(_seen))
            {
                _pending = null;
                return NamespaceFileCheck.Unchanged;
            }

            if (_pending is null || !bytes.AsSpan().SequenceEqual(_pending))
            {
                _pending = bytes;
                return NamespaceFileCheck.Pending;
            }

            // Stable since the last check: judge it once; the same content is not judged again.
            _pending = null;
            _seen = bytes;
            var text = Text(bytes);
            if (string.IsNullOrWhiteSpace(text))
            {
                LogKept(_logger, _file, "the file is empty");
                return NamespaceFileCheck.Kept;
            }

            var read = NamespaceManifestLoader.Read(text, _file);
            if (read.BrokenDocuments > 0)
            {
                LogKept(_logger, _file, string.Join("; ", read.Problems));
                return NamespaceFileCheck.Kept;
            }

            foreach (var problem in read.Problems)
            {
                LogManifestProblem(_logger, problem);
            }

            Volatile.Write(ref _current, read.Source);
            LogReloaded(_logger, _file, read.Source.NamespaceCount);
            return NamespaceFileCheck.Reloaded;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "namespaces file: {Problem}")]
    private static partial void LogManifestProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "namespaces file {File} reloaded: {Count} namespaces")]
    private static partial void LogReloaded(ILogger logger, string file, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "namespaces file {File} changed but is not used; keeping the last good content: {Reason}")]
    private static partial void LogKept(ILogger logger, string file, string reason);
}
