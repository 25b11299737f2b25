using System.Runtime.CompilerServices;

namespace Zmq.Tests.Support;

/// <summary>
/// <c>await ThreadPoolSwitch.Leave();</c> goes on on a thread-pool thread, with no synchronization
/// context: the test runner's async tests run under one (xunit's), and the engine never holds a
/// thread that has one for a wait on the descriptor (Async/SocketAsyncContext.Spin.cs), so tests
/// of that wait leave it first, as a service's code runs.
/// </summary>
internal readonly struct ThreadPoolSwitch : ICriticalNotifyCompletion
{
    public static ThreadPoolSwitch Leave() => default;

    public ThreadPoolSwitch GetAwaiter() => this;

    public bool IsCompleted => false;

    public void GetResult() => Assert.Null(SynchronizationContext.Current);

    public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
}
