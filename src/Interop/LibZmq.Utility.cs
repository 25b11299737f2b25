using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;


public static unsafe partial class LibZmq
{
    /// <summary><c>zmq_atomic_counter_new</c>: the libzmq function of that name (<c>zmq_atomic_counter_new(3)</c>), called as is.</summary>
    /// <returns>The new counter, or 0 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_atomic_counter_new();

    /// <summary><c>zmq_atomic_counter_set</c>: the libzmq function of that name (<c>zmq_atomic_counter_set(3)</c>), called as is.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void zmq_atomic_counter_set(nint counter, int value);

    /// <summary><c>zmq_atomic_counter_inc</c>: the libzmq function of that name (<c>zmq_atomic_counter_inc(3)</c>), called as is.</summary>
    /// <returns>The counter's value before the increment.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_atomic_counter_inc(nint counter);

    /// <summary><c>zmq_atomic_counter_dec</c>: the libzmq function of that name (<c>zmq_atomic_counter_dec(3)</c>), called as is.</summary>
    /// <returns>1 when the counter is still above zero after the decrement, else 0.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_atomic_counter_dec(nint counter);

    /// <summary><c>zmq_atomic_counter_value</c>: the libzmq function of that name (<c>zmq_atomic_counter_value(3)</c>), called as is.</summary>
    /// <returns>The counter's value.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_atomic_counter_value(nint counter);

    /// <summary><c>zmq_atomic_counter_destroy</c>: the libzmq function of that name (<c>zmq_atomic_counter_destroy(3)</c>), called as is.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void zmq_atomic_counter_destroy(nint* counterP);

    /// <summary><c>zmq_stopwatch_start</c>: the libzmq function of that name (<c>zmq_stopwatch_start(3)</c>), called as is.</summary>
    /// <returns>The new stopwatch.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_stopwatch_start();

    /// <summary><c>zmq_stopwatch_intermediate</c>: the libzmq function of that name (<c>zmq_stopwatch_intermediate(3)</c>), called as is.</summary>
    /// <returns>The microseconds since the stopwatch started.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial CULong zmq_stopwatch_intermediate(nint watch);

    /// <summary><c>zmq_stopwatch_stop</c>: the libzmq function of that name (<c>zmq_stopwatch_stop(3)</c>), called as is.</summary>
    /// <returns>The microseconds since the stopwatch started.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial CULong zmq_stopwatch_stop(nint watch);

    /// <summary><c>zmq_sleep</c>: the libzmq function of that name (<c>zmq_sleep(3)</c>), called as is.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void zmq_sleep(int seconds);

    /// <summary>zmq_threadstart: runs <paramref name="func"/> on a new native thread; join it with
    /// <see cref="zmq_threadclose"/>. The function must be <c>[UnmanagedCallersOnly]</c>.</summary>
    /// <returns>The new thread.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_threadstart(delegate* unmanaged[Cdecl]<void*, void> func, void* arg);

    /// <summary><c>zmq_threadclose</c>: the libzmq function of that name (<c>zmq_threadclose(3)</c>), called as is.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void zmq_threadclose(nint thread);

    /// <summary><c>zmq_timers_new</c>: the libzmq function of that name (<c>zmq_timers_new(3)</c>), called as is.</summary>
    /// <returns>The new timer set, or 0 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint zmq_timers_new();

    /// <summary><c>zmq_timers_destroy</c>: the libzmq function of that name (<c>zmq_timers_destroy(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_timers_destroy(nint* timersP);

    /// <summary><c>zmq_timers_add</c> (<c>zmq_timers(3)</c>): the handler is an unmanaged cdecl callback, called on the thread that runs <c>zmq_timers_execute</c>.</summary>
    /// <returns>The new timer's id; -1 on failure.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_timers_add(nint timers, nuint interval,
        delegate* unmanaged[Cdecl]<int, void*, void> handler, void* arg);

    /// <summary><c>zmq_timers_cancel</c>: the libzmq function of that name (<c>zmq_timers_cancel(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_timers_cancel(nint timers, int timerId);

    /// <summary><c>zmq_timers_set_interval</c>: the libzmq function of that name (<c>zmq_timers_set_interval(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_timers_set_interval(nint timers, int timerId, nuint interval);

    /// <summary><c>zmq_timers_reset</c>: the libzmq function of that name (<c>zmq_timers_reset(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_timers_reset(nint timers, int timerId);

    /// <summary><c>zmq_timers_timeout</c>: the libzmq function of that name (<c>zmq_timers_timeout(3)</c>), called as is.</summary>
    /// <returns>The milliseconds until the next timer is due; -1 when none is.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial CLong zmq_timers_timeout(nint timers);

    /// <summary><c>zmq_timers_execute</c>: the libzmq function of that name (<c>zmq_timers_execute(3)</c>), called as is.</summary>
    /// <returns>0 on success; -1 on failure, with the reason in <c>zmq_errno()</c>.</returns>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int zmq_timers_execute(nint timers);
}
