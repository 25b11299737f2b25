namespace Zmq.Hosting;

/// <summary>
/// A ZeroMQ setting in configuration (or registered in code) is wrong: an unknown socket type or
/// option name, a value that does not parse or that libzmq refuses, a bad endpoint or CURVE key.
/// Thrown at host start-up, before any socket is left open; the message names the configuration key
/// and the bad value (never a secret key's value).
/// </summary>
public sealed class ZmqConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception for a key and its offending value.</summary>
    /// <param name="key">The full configuration key, such as <c>Zmq:Sockets:frontend:SendHighWatermark</c>.</param>
    /// <param name="value">The offending value as written (null when absent or hidden).</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The error the binding or libzmq raised, if any.</param>
    public ZmqConfigurationException(string key, string? value, string reason, Exception? innerException = null)
        : base(Format(key, value, reason), innerException)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The configuration key at fault, such as <c>Zmq:Sockets:frontend:Bind:0</c>.</summary>
    public string Key { get; }

    /// <summary>The offending value as written; null when it was missing or is a secret.</summary>
    public string? Value { get; }

    private static string Format(string key, string? value, string reason) =>
        value is null ? $"ZeroMQ configuration error at '{key}': {reason}" : $"ZeroMQ configuration error at '{key}' = '{value}': {reason}";
}
