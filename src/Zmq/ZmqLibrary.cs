using System.Runtime.InteropServices;
using System.Text;
using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Facts about the native libzmq this process loaded: version, capabilities and file. Every entry
/// point of the binding loads and checks the library through <see cref="EnsureLoaded"/> first, so a
/// missing or too old libzmq is a clear exception at the first call.
/// </summary>
public static class ZmqLibrary
{
    /// <summary>The oldest libzmq this binding supports.</summary>
    public static Version MinimumVersion { get; } = new(4, 3, 0);

    private static readonly Lazy<Version> s_version = new(ReadVersion);

    /// <summary>The version of the loaded libzmq (<c>zmq_version(3)</c>).</summary>
    /// <exception cref="DllNotFoundException">libzmq could not be found; the message lists what was tried.</exception>
    public static Version Version => s_version.Value;

    /// <summary>
    /// The file libzmq was loaded from: the full path where the OS tells it (Linux), otherwise the
    /// name that loaded.
    /// </summary>
    /// <exception cref="DllNotFoundException">libzmq could not be found.</exception>
    public static string Path
    {
        get
        {
            EnsureLoaded();
            return FindLoadedFile() ?? LibZmqResolver.LoadedName ?? LibZmq.LibraryName;
        }
    }

    /// <summary>
    /// Where the loaded libzmq came from: the override (<c>ZMQ_LIBRARY_PATH</c>), the copy bundled in
    /// the <c>Zmq.Native</c> package, the operating system's, or linked into a NativeAOT executable.
    /// </summary>
    /// <exception cref="DllNotFoundException">libzmq could not be found.</exception>
    public static LibZmqOrigin Origin
    {
        get
        {
            EnsureLoaded();
            return LibZmqResolver.Origin;
        }
    }

    /// <summary>The capabilities <see cref="Has"/> can ask about, in libzmq's spelling.</summary>
    public static IReadOnlyList<string> KnownCapabilities { get; } =
        ["ipc", "pgm", "tipc", "norm", "curve", "gssapi", "vmci", "ws", "wss", "draft"];

    /// <summary>The capabilities of <see cref="KnownCapabilities"/> that the loaded libzmq has.</summary>
    public static IReadOnlyList<string> Capabilities => [.. KnownCapabilities.Where(Has)];

    /// <summary>
    /// Whether the loaded libzmq was built with a capability (<c>zmq_has(3)</c>): a transport
    /// ("ipc", "pgm", "tipc", "norm", "vmci", "ws", "wss"), a security mechanism ("curve", "gssapi"),
    /// or "draft" for the draft API.
    /// </summary>
    /// <returns>True when the loaded libzmq has the capability (<c>zmq_has</c>).</returns>
    /// <exception cref="ArgumentException"><paramref name="capability"/> is null, empty or contains NUL.</exception>
    public static unsafe bool Has(string capability)
    {
        ArgumentException.ThrowIfNullOrEmpty(capability);
        EnsureLoaded();
        Span<byte> buffer = stackalloc byte[64];
        using var name = Utf8Buffer.ForCString(capability, buffer, nameof(capability));
        fixed (byte* p = name.NulTerminated)
        {
            return LibZmq.zmq_has(p) == 1;
        }
    }

    /// <summary>
    /// Loads libzmq and checks that it is at least <see cref="MinimumVersion"/> and that its
    /// <c>zmq_msg_t</c> has the 64 bytes this binding reserves.
    /// </summary>
    /// <exception cref="DllNotFoundException">libzmq could not be found; the message lists what was tried.</exception>
    /// <exception cref="NotSupportedException">The libzmq found is older than 4.3.</exception>
    public static void EnsureLoaded()
    {
        if (!s_checked)
        {
            Check();
        }
    }

    private static volatile bool s_checked;

    private static void Check()
    {
        LibZmqResolver.EnsureLoaded();
        Version version = s_version.Value;
        if (version < MinimumVersion)
        {
            throw new NotSupportedException(
                $"libzmq {version} was loaded from '{LibZmqResolver.LoadedName}', but this binding needs {MinimumVersion} or later.");
        }
        s_checked = true;
    }

    private static unsafe Version ReadVersion()
    {
        LibZmqResolver.EnsureLoaded();
        int major, minor, patch;
        LibZmq.zmq_version(&major, &minor, &patch);
        return new Version(major, minor, patch);
    }

    private static string? FindLoadedFile()
    {
        if (LibZmqResolver.Origin is LibZmqOrigin.Bundled or LibZmqOrigin.StaticallyLinked)
        {
            return LibZmqResolver.LoadedName; // a full path already
        }
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            // /proc/self/maps names every mapped file; the loaded libzmq is the one whose file name
            // starts with the name that loaded (or the override path itself).
            string? loaded = LibZmqResolver.LoadedName;
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    continue;
                }
                string file = line[slash..];
                string name = System.IO.Path.GetFileName(file);
                if (name.StartsWith("libzmq.so", StringComparison.Ordinal) || (loaded is not null && file == loaded))
                {
                    return file;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>
    /// How the async engine waits for sockets: <c>"epoll"</c> (Linux: each socket's ZMQ_FD registered
    /// once, edge-triggered and one-shot, watched again when an operation parks) or <c>"poll"</c> (the portable <c>zmq_poll</c> fallback). The environment
    /// variable <c>ZMQ_ASYNC_BACKEND</c> (<c>epoll</c> or <c>poll</c>), read once per process before
    /// the first asynchronous wait, overrides the choice. Reading this starts the engine's thread.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">ZMQ_ASYNC_BACKEND asks for epoll where there is none.</exception>
    public static string AsyncBackend => ZmqReactor.Instance.BackendName;

    /// <summary>
    /// Whether the async engine runs the continuations of the operations it wakes on its own thread
    /// (inline completions) instead of the thread pool: one thread hand-off less per parked
    /// operation, at the price that a continuation which blocks stalls every async operation of the
    /// process (and one that waits for another awaited operation deadlocks). Off unless the
    /// AppContext switch <c>Zmq.Async.InlineCompletions</c> or the environment variable
    /// <c>ZMQ_ASYNC_INLINE_COMPLETIONS</c> (<c>1</c> or <c>true</c>) turns it on; read once per process,
    /// at the first async operation (which reads the spin setting, whose default depends on it) or
    /// the first read of this property.
    /// Thread-safe draft sockets' continuations never run on the engine's thread, in either mode.
    /// The counterpart of .NET's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> (docs/async.md).
    /// </summary>
    public static bool AsyncInlineCompletions => InlineCompletions.Enabled;

    /// <summary>
    /// How many times an awaited receive that finds nothing queued yields its CPU and tries again
    /// before it parks, and whether an awaited send refused at the high-water mark, or a receive
    /// on a PULL or SUB socket with no inproc endpoint, first waits (on Linux, 5 ms at first, a
    /// send's up to 40 ms; never on a thread with a synchronization context) on its socket's signal:
    /// when the frame or the room comes meanwhile the operation costs no thread hand-off, and it
    /// completes on the calling thread (docs/async.md). 16 (0 with
    /// <see cref="AsyncInlineCompletions"/>, which has no hand-off to save) unless the environment
    /// variable <c>ZMQ_ASYNC_SPIN</c> sets it (0 turns spinning and waiting off), read once per
    /// process. Both are adaptive: a direction whose spins or waits catch nothing parks at once, and
    /// tries again only on one park in 16. Thread-safe (draft) sockets and operations queued behind
    /// another never spin or wait.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>ZMQ_ASYNC_SPIN</c> is not a whole number from 0 to 1000 (every async operation then fails with the same error).</exception>
    public static int AsyncSpinYields => AsyncSpin.Checked;

    /// <summary>Describes the library for logs: version, file and capabilities.</summary>
    /// <returns>One line with the version, path, origin and capabilities of the loaded libzmq.</returns>
    public static string Describe()
    {
        var text = new StringBuilder();
        text.Append("libzmq ").Append(Version).Append(" (").Append(Origin.ToString().ToLowerInvariant())
            .Append(") from ").Append(Path)
            .Append("; capabilities: ").Append(string.Join(", ", Capabilities));
        return text.ToString();
    }
}
