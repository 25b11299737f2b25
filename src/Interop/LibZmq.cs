namespace Zmq.Interop;

/// <summary>
/// Raw declarations of libzmq 4.3's stable C API (zmq.h), one partial file per area of the header.
/// Names, constants and argument order follow zmq.h exactly; nothing here throws or adds policy.
/// The library name is resolved by <see cref="LibZmqResolver"/>. Every import says cdecl, libzmq's
/// calling convention (ZMQ_EXPORT declares no other), matching the cdecl callbacks: without it
/// win-x86 would call with its default, stdcall, and corrupt the stack.
/// </summary>
public static unsafe partial class LibZmq
{
    /// <summary>The logical library name the resolver maps to the real libzmq file.</summary>
    public const string LibraryName = "libzmq";
}
