namespace Zmq.Hosting;

/// <summary>
/// One named socket as configuration and code describe it, parsed and checked before any socket
/// exists (so a typo fails the start before anything is bound). Each entry keeps the configuration
/// key it came from, for the error libzmq may still raise when it is applied.
/// </summary>
internal sealed class SocketDefinition(string name)
{
    public string Name { get; } = name;

    public ZmqSocketType? Type { get; set; }

    /// <summary>The key <see cref="Type"/> came from, for errors.</summary>
    public string TypeKey { get; set; } = string.Empty;

    public List<(string Key, string? Value, Action<ZmqSocket> Apply)> Options { get; } = [];

    public List<(string Key, string Endpoint)> Bind { get; } = [];

    public List<(string Key, string Endpoint)> Connect { get; } = [];

    public List<(string Key, string Prefix)> Subscribe { get; } = [];

    /// <summary>Where the CURVE secret key came from (the key name; its value is never shown).</summary>
    public string? CurveSecretKeySource { get; set; }

    /// <summary>The CURVE secret key as Z85 text, held only until the host stops.</summary>
    public string? CurveSecretKeyZ85 { get; set; }

    public bool HasCurvePublicKey { get; set; }

    /// <summary>Callbacks registered in code (<see cref="ZmqBuilder.ConfigureSocket"/>), run after the configured options.</summary>
    public List<Action<ZmqSocket>> Configure { get; } = [];
}
