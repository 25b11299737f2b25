namespace Zmq.Hosting;

/// <summary>
/// The named sockets of the host (configuration section <c>Zmq:Sockets</c> and
/// <see cref="ZmqBuilder.AddSocket"/>), all on the host's one <see cref="ZmqContext"/>.
/// </summary>
/// <remarks>
/// <para><b>Threads.</b> A classic ZeroMQ socket is not thread-safe (see <see cref="ZmqSocket"/>):
/// synchronous calls from two threads at once are refused. So the factory hands out two kinds:
/// <see cref="Get"/> returns the host's one instance of a name (the same one a
/// <c>[FromKeyedServices("name")] ZmqSocket</c> parameter receives) for one owner, typically one
/// hosted service, which may use its asynchronous methods from any thread (any number pending,
/// served in order per direction); <see cref="Create"/> returns a new, separately configured socket
/// that the caller owns, for one socket per worker.</para>
/// <para><b>Lifetime.</b> The host's instances are created and bound or connected when the host
/// starts (a bad setting fails the start with <see cref="ZmqConfigurationException"/>), drained and
/// closed when it stops, after the hosted services registered after <c>AddZmq</c> have stopped.
/// Sockets from <see cref="Create"/> are the caller's to dispose, before the host stops; one still
/// open then is closed by the drain with the others (and a warning names it).</para>
/// </remarks>
public interface IZmqSocketFactory
{
    /// <summary>The host's context: one per host, disposed when the host stops, after its sockets.</summary>
    ZmqContext Context { get; }

    /// <summary>The names of every configured socket.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The host's instance of a named socket, created (and bound or connected) on first use.</summary>
    /// <param name="name">The socket's name (case-insensitive, as configuration keys are).</param>
    /// <returns>The shared instance; do not dispose it: the host does.</returns>
    /// <exception cref="KeyNotFoundException">No socket of that name is configured.</exception>
    /// <exception cref="ZmqConfigurationException">Its configuration is wrong (the message names the key).</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    ZmqSocket Get(string name);

    /// <summary>A new socket configured as the named one (options, keys, bind and connect), owned by the caller.</summary>
    /// <param name="name">The socket's name (case-insensitive).</param>
    /// <returns>A new socket the caller must dispose.</returns>
    /// <exception cref="KeyNotFoundException">No socket of that name is configured.</exception>
    /// <exception cref="ZmqConfigurationException">Its configuration is wrong, or an endpoint is refused (e.g. a bind address already in use).</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    ZmqSocket Create(string name);
}
