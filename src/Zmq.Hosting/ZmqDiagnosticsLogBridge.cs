using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Zmq.Hosting;

/// <summary>
/// Forwards the binding's own diagnostics (<see cref="ZmqDiagnostics.Event"/>: reactor faults,
/// zero-copy release failures, authentication decisions, monitor events at Debug) to <c>ILogger</c>,
/// under the category <c>Zmq.&lt;category&gt;</c>, with the socket's name as a scope-free field.
/// </summary>
/// <remarks>The event is process-wide: every started host forwards every report, so two hosts in one
/// process (tests) log each report twice. Handlers run on the reporting thread and must not block:
/// <c>ILogger</c> providers queue their output.</remarks>
internal sealed partial class ZmqDiagnosticsLogBridge(ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private int _subscribed;

    public void Subscribe()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            ZmqDiagnostics.Event += OnEvent;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _subscribed, 0) == 1)
        {
            ZmqDiagnostics.Event -= OnEvent;
        }
    }

    private void OnEvent(object? sender, ZmqDiagnosticEventArgs report)
    {
        ILogger logger = _loggers.GetOrAdd(report.Category, static (category, factory) => factory.CreateLogger("Zmq." + category), loggers);
        LogLevel level = report.Level switch
        {
            ZmqDiagnosticLevel.Debug => LogLevel.Debug,
            ZmqDiagnosticLevel.Information => LogLevel.Information,
            ZmqDiagnosticLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (logger.IsEnabled(level))
        {
            LogReport(logger, level, report.SocketName ?? "-", report.Message, report.Exception);
        }
    }

    [LoggerMessage(EventId = 100, Message = "[{Socket}] {Report}")]
    private static partial void LogReport(ILogger logger, LogLevel level, string socket, string report, Exception? exception);
}
