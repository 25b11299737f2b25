namespace Zmq.Samples;

/// <summary>The exit codes every sample program uses; scripts rely on them.</summary>
public static class SampleExitCode
{
    /// <summary>The role finished its <c>--count</c>.</summary>
    public const int Success = 0;

    /// <summary>Bad arguments (unknown role or option, malformed endpoint, port in use) or another error.</summary>
    public const int Error = 1;

    /// <summary>Nothing arrived within <c>--timeout</c>.</summary>
    public const int Timeout = 2;

    /// <summary>Stopped by Ctrl-C (SIGINT), as shells report it (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
