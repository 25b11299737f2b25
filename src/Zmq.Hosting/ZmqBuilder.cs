using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Zmq.Hosting;

/// <summary>
/// Configures the ZeroMQ services that <see cref="ZmqServiceCollectionExtensions.AddZmq(IServiceCollection, Action{ZmqBuilder}?)"/>
/// registered: sockets defined in code, callbacks on configured sockets or on the context, host
/// settings and health checks. Every call adds to what configuration says; code callbacks run after
/// the configured options, before bind and connect.
/// </summary>
public sealed class ZmqBuilder
{
    internal ZmqBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection this builder registers into.</summary>
    public IServiceCollection Services { get; }

    internal ZmqHostingOptions Options { get; } = new();

    internal Dictionary<string, SocketDefinition> CodeSockets { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal List<Action<ZmqContext>> ContextCallbacks { get; } = [];

    /// <summary>Defines a socket in code (configuration may add options and endpoints to it).</summary>
    /// <param name="name">The socket's name (case-insensitive).</param>
    /// <param name="type">Its type; a <c>Type</c> in configuration overrides it.</param>
    /// <param name="configure">Optional: sets options or binds; runs after the configured options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public ZmqBuilder AddSocket(string name, ZmqSocketType type, Action<ZmqSocket>? configure = null)
    {
        SocketDefinition definition = Definition(name);
        definition.Type = type;
        definition.TypeKey = $"AddSocket(\"{name}\")";
        if (configure is not null)
        {
            definition.Configure.Add(configure);
        }
        return this;
    }

    /// <summary>Adds a callback that runs on every creation of the named socket, after its configured options and before bind and connect.</summary>
    /// <param name="name">The socket's name (case-insensitive).</param>
    /// <param name="configure">The callback.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public ZmqBuilder ConfigureSocket(string name, Action<ZmqSocket> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Definition(name).Configure.Add(configure);
        return this;
    }

    /// <summary>Adds a callback run on the host's context before its first socket is created.</summary>
    /// <param name="configure">The callback.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public ZmqBuilder ConfigureContext(Action<ZmqContext> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ContextCallbacks.Add(configure);
        return this;
    }

    /// <summary>Changes host-wide settings (configuration keys of the same names override them).</summary>
    /// <param name="configure">The callback.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public ZmqBuilder Configure(Action<ZmqHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>
    /// Registers one health check per named socket, named <c>zmq:&lt;socket&gt;</c>: healthy while
    /// the socket is open with a connected peer (<see cref="ZmqSocket.Peers"/>), degraded while it has
    /// none (inproc connections are not reported by libzmq), unhealthy once it is closed or could not
    /// be created. (Also calls
    /// <c>AddHealthChecks()</c>, so <c>HealthCheckService</c> is available.)
    /// </summary>
    /// <param name="tags">Tags given to every one of these checks, for filtering.</param>
    /// <returns>This builder.</returns>
    public ZmqBuilder AddHealthChecks(params string[] tags)
    {
        Services.AddHealthChecks();
        Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<HealthCheckServiceOptions>>(
            provider => new ZmqHealthCheckRegistrations(provider.GetRequiredService<ZmqSocketRegistry>(), tags));
        return this;
    }

    private SocketDefinition Definition(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!CodeSockets.TryGetValue(name, out SocketDefinition? definition))
        {
            definition = new SocketDefinition(name);
            CodeSockets.Add(name, definition);
        }
        return definition;
    }
}
