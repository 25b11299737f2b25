namespace Zmq.Hosting;

/// <summary>
/// Host-wide settings of <see cref="ZmqServiceCollectionExtensions.AddZmq(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ZmqBuilder}?)"/>,
/// set in code with <see cref="ZmqBuilder.Configure"/> and overridden by the configuration section's
/// keys of the same names (<c>Zmq:ShutdownTimeout</c>).
/// </summary>
public sealed class ZmqHostingOptions
{
    /// <summary>The configuration section read for sockets and settings (default <c>Zmq</c>).</summary>
    public string ConfigurationSection { get; set; } = "Zmq";

    /// <summary>
    /// How long stopping the host may spend delivering messages still queued in the host's sockets
    /// before they are closed with linger 0 (default 30 s, the default of the host's own
    /// <c>HostOptions.ShutdownTimeout</c>: set both together). The host's stopping token still
    /// bounds it: stopping never outlasts the host's timeout.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Context settings read from <c>Zmq:Context</c>, applied before the first socket.</summary>
    internal List<(string Key, string Value, Action<ZmqContext> Apply)> ContextSettings { get; } = [];
}
