using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zmq.Hosting;

namespace Zmq.Tests.Hosting;

/// <summary>Builds Generic Hosts with in-memory configuration and a log sink the tests can read.</summary>
internal static class TestHosts
{
    public static IHost Build(IDictionary<string, string?> settings, LogSink? logs = null, Action<IServiceCollection>? services = null, Action<ZmqBuilder>? zmq = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.Services.AddZmq(zmq);
        services?.Invoke(builder.Services);
        return builder.Build();
    }
}

/// <summary>Collects every log entry (category, level, event id, text) for assertions.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
