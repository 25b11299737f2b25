namespace Zmq.Interop;

/// <summary>Which step of <see cref="LibZmqResolver"/>'s search loaded libzmq.</summary>
public enum LibZmqOrigin
{
    /// <summary>Not loaded yet.</summary>
    None,

    /// <summary>The path or name given by <see cref="LibZmqResolver.LibraryPath"/> or <c>ZMQ_LIBRARY_PATH</c>.</summary>
    Override,

    /// <summary>The copy shipped in the <c>Zmq.Native</c> package (or placed beside the application).</summary>
    Bundled,

    /// <summary>The operating system's libzmq, found by the loader's search.</summary>
    System,

    /// <summary>Linked into the executable itself (NativeAOT with <c>DirectPInvoke</c> and <c>libzmq.a</c>).</summary>
    StaticallyLinked,
}
