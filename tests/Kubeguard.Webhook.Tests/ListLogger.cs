using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Webhook.Tests;

/// <summary>Keeps every log line (level and formatted message) for assertions.</summary>
public sealed class ListLogger : ILoggerProvider, ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }

    public void Dispose()
    {
    }

    public void Configure(ILoggingBuilder logging) => logging.AddProvider(this);
}
