using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Zmq;

// The Zmq activity source. Opt-in by construction: ActivitySource.HasListeners() is false until an
// ActivityListener (the OpenTelemetry SDK's AddSource) listens to it, and the socket checks it only
// after a frame went through, so an untraced call pays one inlined field test and allocates
// nothing. A sampled frame gets one activity, named "send <destination>" or "receive <destination>"
// after OpenTelemetry's messaging conventions, marking the moment libzmq took or delivered it.
internal static class ZmqActivities
{
    public static readonly ActivitySource Source = new(ZmqTelemetry.ActivitySourceName, typeof(ZmqActivities).Assembly.GetName().Version?.ToString());

    // The envelope helpers make one activity per message; the frames they send are not traced again.
    [ThreadStatic]
    private static bool t_suppressFrames;

    /// <summary>Whether a frame activity is wanted: someone listens and no envelope helper is in charge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool WantFrames() => Source.HasListeners() && !t_suppressFrames;

    /// <summary>Turns frame activities off on this thread until the returned scope ends.</summary>
    public static SuppressScope SuppressFrames()
    {
        bool before = t_suppressFrames;
        t_suppressFrames = true;
        return new SuppressScope(before);
    }

    /// <summary>One activity for a frame that went through; stopped at once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Frame(ZmqSocket socket, bool sending, int bytes)
    {
        // Runs after the frame went through, with the socket's gate held: a listener's or
        // exporter's exception must not turn a queued frame into a failed send (the next frame of a
        // multipart message would then join an unrelated one), so it is reported, not thrown.
        try
        {
            using Activity? activity = Start(socket, sending, parent: default, bytes);
        }
#pragma warning disable CA1031 // A listener's failure is reported through the diagnostics hook.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ZmqDiagnostics.Raise(ZmqDiagnosticLevel.Error, "Tracing", "An activity listener threw for a frame that was sent or received; the frame went through.", error, socket);
        }
    }

    /// <summary>A send (producer) or receive (consumer) activity with the messaging tags; null when not sampled.</summary>
    public static Activity? Start(ZmqSocket socket, bool sending, ActivityContext parent, int bytes)
    {
        string destination = socket.Name ?? socket.LastEndpointSeen ?? ZmqMetrics.SocketTypeName(socket.SocketType);
        string operation = sending ? "send" : "receive";
        Activity? activity = Source.StartActivity(
            $"{operation} {destination}",
            sending ? ActivityKind.Producer : ActivityKind.Consumer,
            parent);
        if (activity is null)
        {
            return null;
        }
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("messaging.system", ZmqTelemetry.MessagingSystem);
            activity.SetTag("messaging.operation.type", operation);
            activity.SetTag("messaging.operation.name", operation);
            activity.SetTag("messaging.destination.name", destination);
            activity.SetTag("zeromq.socket.type", ZmqMetrics.SocketTypeName(socket.SocketType));
            if (socket.Name is string name)
            {
                activity.SetTag("zeromq.socket.name", name);
            }
            if (bytes >= 0)
            {
                activity.SetTag("messaging.message.body.size", bytes);
            }
            if (socket.LastEndpointSeen is string endpoint && TrySplitTcp(endpoint, out string? host, out int port))
            {
                activity.SetTag("server.address", host);
                activity.SetTag("server.port", port);
            }
        }
        return activity;
    }

    /// <summary>tcp://host:port → host and port; false for other transports or a wildcard.</summary>
    private static bool TrySplitTcp(string endpoint, out string? host, out int port)
    {
        host = null;
        port = 0;
        const string Prefix = "tcp://";
        if (!endpoint.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        int colon = endpoint.LastIndexOf(':');
        if (colon <= Prefix.Length || !int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            return false;
        }
        host = endpoint[Prefix.Length..colon];
        return true;
    }

    /// <summary>Restores the frame-activity setting of the thread.</summary>
    public readonly struct SuppressScope(bool before) : IDisposable
    {
        public void Dispose() => t_suppressFrames = before;
    }
}
