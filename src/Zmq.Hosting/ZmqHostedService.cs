using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zmq.Hosting;

/// <summary>
/// Starts the host's sockets (all of them, or none: a configuration error fails the start) and, at
/// stop, drains and closes them within <see cref="ZmqHostingOptions.ShutdownTimeout"/> and the host's
/// stopping token, whichever ends first.
/// </summary>
internal sealed partial class ZmqHostedService(ZmqSocketRegistry registry, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ZmqDiagnosticsLogBridge _diagnostics = new(loggers);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed first, so the monitor events of the sockets being created are logged too.
        _diagnostics.Subscribe();
        try
        {
            registry.StartAll();
        }
        catch
        {
            _diagnostics.Dispose();
            throw;
        }
        LogStarted(registry.Logger, registry.Names.Count);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        TimeSpan budget = registry.Options.ShutdownTimeout;
        // zmq_ctx_term blocks for the linger: off the host's thread, so the stopping token can still
        // end the wait. Once it fires the host moves on; the termination finishes within the linger,
        // which the budget has already bounded, so nothing is left running for long.
        Task<ZmqSocketRegistry.DrainResult> drain = Task.Factory.StartNew(
            () => registry.Drain(budget), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            ZmqSocketRegistry.DrainResult result = await drain.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (result.BudgetSpent)
            {
                LogDrainCut(registry.Logger, result.Sockets, result.Elapsed, budget);
            }
            else
            {
                LogDrained(registry.Logger, result.Sockets, result.Elapsed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopTimedOut(registry.Logger, budget);
        }
        finally
        {
            _diagnostics.Dispose();
        }
    }

    public void Dispose() => _diagnostics.Dispose();

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "ZeroMQ started {Count} socket(s)")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "ZeroMQ closed {Count} socket(s); queued messages delivered in {Elapsed}")]
    private static partial void LogDrained(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "ZeroMQ closed {Count} socket(s) but their lingers ended the drain after {Elapsed} (shutdown timeout {Budget}): messages still queued then were dropped. A socket's own Linger shorter than the timeout, or a call still running on it at stop, ends its drain first")]
    private static partial void LogDrainCut(ILogger logger, int count, TimeSpan elapsed, TimeSpan budget);


    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "The host's shutdown timeout ended the ZeroMQ drain before {Budget}: messages still queued are dropped when the process exits (set Zmq:ShutdownTimeout no longer than HostOptions.ShutdownTimeout)")]
    private static partial void LogStopTimedOut(ILogger logger, TimeSpan budget);
}
