using Zmq.Interop;

namespace Zmq;

/// <summary>
/// Maps the operating system's errno values to <see cref="ZmqError"/>. libzmq reports the C runtime's
/// errno, whose numbers differ per OS; libzmq's own codes (EFSM…EMTHREAD) and its fallbacks for
/// errnos a C runtime lacks (ZMQ_HAUSNUMERO + n) are the same everywhere.
/// </summary>
internal static class ErrnoTable
{
    /// <summary>EAGAIN on this OS, compared on the hot path without a table lookup.</summary>
    public static readonly int EAGAIN = OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD() ? 35 : 11;

    private static readonly Dictionary<int, ZmqError> s_map = Build();

    public static ZmqError ToError(int errno) => s_map.GetValueOrDefault(errno, ZmqError.Unknown);

    private static Dictionary<int, ZmqError> Build()
    {
        // Columns: Linux, macOS/BSD, Windows (MSVC errno.h). The values the three share come first.
        (ZmqError Error, int Linux, int Mac, int Windows)[] rows =
        [
            (ZmqError.NotPermitted, 1, 1, 1),
            (ZmqError.NoSuchEntry, 2, 2, 2),
            (ZmqError.Interrupted, 4, 4, 4),
            (ZmqError.BadFileDescriptor, 9, 9, 9),
            (ZmqError.TryAgain, 11, 35, 11),
            (ZmqError.OutOfMemory, 12, 12, 12),
            (ZmqError.AccessDenied, 13, 13, 13),
            (ZmqError.Fault, 14, 14, 14),
            (ZmqError.NoSuchDevice, 19, 19, 19),
            (ZmqError.InvalidArgument, 22, 22, 22),
            (ZmqError.TooManyOpenFiles, 24, 24, 24),
            (ZmqError.NameTooLong, 36, 63, 38),
            (ZmqError.NotSupported, 95, 45, 129),
            (ZmqError.ProtocolNotSupported, 93, 43, 135),
            (ZmqError.NoBufferSpace, 105, 55, 119),
            (ZmqError.NetworkDown, 100, 50, 116),
            (ZmqError.AddressInUse, 98, 48, 100),
            (ZmqError.AddressNotAvailable, 99, 49, 101),
            (ZmqError.ConnectionRefused, 111, 61, 107),
            (ZmqError.InProgress, 115, 36, 112),
            (ZmqError.NotSocket, 88, 38, 128),
            (ZmqError.MessageTooLong, 90, 40, 115),
            (ZmqError.AddressFamilyNotSupported, 97, 47, 102),
            (ZmqError.NetworkUnreachable, 101, 51, 118),
            (ZmqError.ConnectionAborted, 103, 53, 106),
            (ZmqError.ConnectionReset, 104, 54, 108),
            (ZmqError.NotConnected, 107, 57, 126),
            (ZmqError.TimedOut, 110, 60, 138),
            (ZmqError.HostUnreachable, 113, 65, 110),
            (ZmqError.NetworkReset, 102, 52, 117),
        ];
        var map = new Dictionary<int, ZmqError>();
        foreach (var row in rows)
        {
            int errno = OperatingSystem.IsWindows() ? row.Windows
                : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD() ? row.Mac
                : row.Linux;
            map[errno] = row.Error;
        }

        // zmq.h defines these as ZMQ_HAUSNUMERO + n where the C runtime lacks them.
        ZmqError[] fallbacks =
        [
            ZmqError.NotSupported, ZmqError.ProtocolNotSupported, ZmqError.NoBufferSpace, ZmqError.NetworkDown,
            ZmqError.AddressInUse, ZmqError.AddressNotAvailable, ZmqError.ConnectionRefused, ZmqError.InProgress,
            ZmqError.NotSocket, ZmqError.MessageTooLong, ZmqError.AddressFamilyNotSupported,
            ZmqError.NetworkUnreachable, ZmqError.ConnectionAborted, ZmqError.ConnectionReset,
            ZmqError.NotConnected, ZmqError.TimedOut, ZmqError.HostUnreachable, ZmqError.NetworkReset,
        ];
        for (int i = 0; i < fallbacks.Length; i++)
        {
            map.TryAdd(LibZmq.ZMQ_HAUSNUMERO + 1 + i, fallbacks[i]);
        }
        map[LibZmq.EFSM] = ZmqError.InvalidState;
        map[LibZmq.ENOCOMPATPROTO] = ZmqError.IncompatibleProtocol;
        map[LibZmq.ETERM] = ZmqError.ContextTerminated;
        map[LibZmq.EMTHREAD] = ZmqError.NoIoThread;
        return map;
    }
}
