using System.Runtime.CompilerServices;

namespace Zmq.Interop;

#pragma warning disable CA1707, IDE1006 // Named as in zmq.h.

/// <summary>
/// zmq.h's <c>zmq_msg_t</c>: 64 opaque bytes, pointer-aligned. Declared as eight <see cref="ulong"/>
/// so the runtime aligns it to 8 bytes. For frames of up to 33 bytes libzmq stores the payload
/// inside the struct itself, so it must not move while a pointer or span into it is alive.
/// </summary>
[InlineArray(8)]
public struct zmq_msg_t
{
    private ulong _element0;

    /// <summary>The size zmq.h declares, checked against <c>ZMQ_MSG_T_SIZE</c> when the library loads.</summary>
    public const int Size = 64;
}
