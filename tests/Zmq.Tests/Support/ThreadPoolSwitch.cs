using System.Runtime.CompilerServices;

namespace Zmq.Tests.Support;

/// <summary>
/// <c>await ThreadPoolSwitch.Leave();</c> goes on on a thread-pool thread, with no synchronization
/// context: the test runner's async tests run under one (xunit's), and the engine never holds a
/// thread that has one for a wait on the descriptor (Async/SocketAsyncContext.Spin.cs), so tests
/// of that wait leave it first, as a service's code runs.
/// </summary>
internal static class ThreadPoolSwitch
{
    /// <summary>An await that always yields, and resumes on the thread pool without the captured context.</summary>
    public static ConfiguredTaskAwaitable Leave() => Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
}
