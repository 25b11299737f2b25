using BenchmarkDotNet.Attributes;
using Zmq.Interop;

namespace Zmq.Bench.Micro;

/// <summary>
/// Where the perf programs' nanoseconds go. One message of 64 bytes over an inproc PAIR (both ends
/// on this thread), sent the way libzmq's perf programs do (zmq_msg_init_size + zmq_msg_send) and
/// received into a new message (zmq_msg_init + zmq_msg_recv + zmq_msg_size + zmq_msg_close; a ref
/// struct cannot live in a field, so the perf programs' one reused message is not repeatable here), through the same libzmq
/// exports called several ways: with the raw socket pointer (the baseline: what C pays plus the
/// GC transitions), adding what each of the binding's mechanisms costs on its own (SafeHandle
/// marshalling, the gate's compare-and-swaps, suppressed GC transitions), and through the binding.
/// The message-lifetime pair isolates what a ZmqMessage adds to a native zmq_msg_t: renting and
/// returning its slot (the copy-safety of MessageSlots).
/// </summary>
[MemoryDiagnoser]
public unsafe class CallCostBenchmarks
{
    private InprocPair _pair = null!;
    private ZmqSocket _sender = null!;
    private ZmqSocket _receiver = null!;
    private nint _senderPointer;
    private nint _receiverPointer;
    private int _gate;

    private delegate* unmanaged[Cdecl]<zmq_msg_t*, nuint, int> _msgInitSize;
    private delegate* unmanaged[Cdecl]<zmq_msg_t*, int> _msgInit;
    private delegate* unmanaged[Cdecl]<zmq_msg_t*, nint, int, int> _msgSend;
    private delegate* unmanaged[Cdecl]<zmq_msg_t*, nint, int, int> _msgRecv;
    private delegate* unmanaged[Cdecl]<zmq_msg_t*, nuint> _msgSize;
    private delegate* unmanaged[Cdecl]<zmq_msg_t*, int> _msgClose;
    private delegate* unmanaged[Cdecl, SuppressGCTransition]<zmq_msg_t*, nuint> _msgSizeSuppressed;

    [GlobalSetup]
    public void Setup()
    {
        _pair = new InprocPair("call-cost");
        (_sender, _receiver) = (_pair.Sender, _pair.Receiver);
        _senderPointer = _sender.Handle.DangerousGetHandle();
        _receiverPointer = _receiver.Handle.DangerousGetHandle();
        _msgInitSize = (delegate* unmanaged[Cdecl]<zmq_msg_t*, nuint, int>)LibZmqExports.GetExport("zmq_msg_init_size");
        _msgInit = (delegate* unmanaged[Cdecl]<zmq_msg_t*, int>)LibZmqExports.GetExport("zmq_msg_init");
        _msgSend = (delegate* unmanaged[Cdecl]<zmq_msg_t*, nint, int, int>)LibZmqExports.GetExport("zmq_msg_send");
        _msgRecv = (delegate* unmanaged[Cdecl]<zmq_msg_t*, nint, int, int>)LibZmqExports.GetExport("zmq_msg_recv");
        _msgSize = (delegate* unmanaged[Cdecl]<zmq_msg_t*, nuint>)LibZmqExports.GetExport("zmq_msg_size");
        _msgClose = (delegate* unmanaged[Cdecl]<zmq_msg_t*, int>)LibZmqExports.GetExport("zmq_msg_close");
        _msgSizeSuppressed = (delegate* unmanaged[Cdecl, SuppressGCTransition]<zmq_msg_t*, nuint>)LibZmqExports.GetExport("zmq_msg_size");
    }

    [GlobalCleanup]
    public void Cleanup() => _pair.Dispose();

    [Benchmark(Baseline = true, Description = "raw pointer: init_size + msg_send, init + msg_recv + size + close")]
    public int RawPointer()
    {
        zmq_msg_t msg;
        _msgInitSize(&msg, 64);
        _msgSend(&msg, _senderPointer, 0);
        return Receive(_receiverPointer);
    }

    [Benchmark(Description = "raw, zmq_msg_size without GC transition")]
    public int RawPointerSuppressedSize()
    {
        zmq_msg_t msg;
        _msgInitSize(&msg, 64);
        _msgSend(&msg, _senderPointer, 0);
        zmq_msg_t received;
        _msgInit(&received);
        _msgRecv(&received, _receiverPointer, 0);
        int size = (int)_msgSizeSuppressed(&received);
        _msgClose(&received);
        return size;
    }

    [Benchmark(Description = "raw, sockets as SafeHandles (AddRef/Release a call)")]
    public int SafeHandleMarshalling()
    {
        zmq_msg_t msg;
        _msgInitSize(&msg, 64);
        LibZmq.zmq_msg_send(&msg, _sender.Handle, 0);
        zmq_msg_t received;
        _msgInit(&received);
        LibZmq.zmq_msg_recv(&received, _receiver.Handle, 0);
        int size = (int)_msgSize(&received);
        _msgClose(&received);
        return size;
    }

    [Benchmark(Description = "raw + the gate's two compare-and-swaps a call")]
    public int RawPointerWithGateAtomics()
    {
        zmq_msg_t msg;
        _msgInitSize(&msg, 64);
        Interlocked.CompareExchange(ref _gate, 1, 0);
        _msgSend(&msg, _senderPointer, 0);
        Interlocked.CompareExchange(ref _gate, 0, 1);
        zmq_msg_t received;
        _msgInit(&received);
        Interlocked.CompareExchange(ref _gate, 1, 0);
        _msgRecv(&received, _receiverPointer, 0);
        Interlocked.CompareExchange(ref _gate, 0, 1);
        int size = (int)_msgSize(&received);
        _msgClose(&received);
        return size;
    }

    [Benchmark(Description = "binding: new ZmqMessage(64) + Send(ref), ReceiveMessage() + Size")]
    public int Binding()
    {
        var message = new ZmqMessage(64);
        _sender.Send(ref message);
        message.Dispose();
        var received = _receiver.ReceiveMessage();
        int size = received.Size;
        received.Dispose();
        return size;
    }

    [Benchmark(Description = "binding: Send(span) + using ReceiveMessage()")]
    public int BindingReceiveMessage()
    {
        _sender.Send(stackalloc byte[64]);
        using var message = _receiver.ReceiveMessage();
        return message.Size;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Receive(nint socket)
    {
        zmq_msg_t received;
        _msgInit(&received);
        _msgRecv(&received, socket, 0);
        int size = (int)_msgSize(&received);
        _msgClose(&received);
        return size;
    }

    [Benchmark(Description = "raw: zmq_msg_init_size(64) + zmq_msg_close, no socket")]
    public int RawMessageLifetime()
    {
        zmq_msg_t msg;
        _msgInitSize(&msg, 64);
        int size = (int)_msgSize(&msg);
        _msgClose(&msg);
        return size;
    }

    [Benchmark(Description = "binding: new ZmqMessage(64) + Dispose, no socket")]
    public int BindingMessageLifetime()
    {
        var message = new ZmqMessage(64);
        int size = message.Size;
        message.Dispose();
        return size;
    }
}
