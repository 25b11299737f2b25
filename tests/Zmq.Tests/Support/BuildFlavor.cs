using System.Diagnostics;

namespace Zmq.Tests.Support;

/// <summary>Which build of the binding the tests run against.</summary>
internal static class BuildFlavor
{
    /// <summary>
    /// True for a Debug build of the Zmq assembly. Its compiler emits every async state machine as a
    /// class, allocated on each call that suspends, so "0 B per parked await" holds only for the
    /// optimized build that ships; allocation tests of parked awaits bound Debug instead.
    /// </summary>
    public static bool LibraryIsDebug { get; } =
        typeof(ZmqSocket).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().Any(d => d.IsJITOptimizerDisabled);
}
