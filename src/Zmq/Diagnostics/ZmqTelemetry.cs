namespace Zmq;

/// <summary>
/// The names under which the binding publishes its metrics and activities, for
/// OpenTelemetry's <c>AddMeter</c> and <c>AddSource</c> (or a <see cref="System.Diagnostics.Metrics.MeterListener"/>
/// and <see cref="System.Diagnostics.ActivityListener"/>). The instruments and tags are listed in docs/diagnostics.md.
/// </summary>
public static class ZmqTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> with the socket and connection instruments.</summary>
    public const string MeterName = "Zmq";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of the send and receive activities.</summary>
    public const string ActivitySourceName = "Zmq";

    /// <summary>The <c>messaging.system</c> value of every metric and activity.</summary>
    public const string MessagingSystem = "zeromq";
}
