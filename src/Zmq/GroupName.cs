using Zmq.Interop;

namespace Zmq;

/// <summary>
/// RADIO/DISH group names (draft API): at most 15 UTF-8 bytes (<c>ZMQ_GROUP_MAX_LENGTH</c>), no
/// NUL, not null. libzmq answers a longer one with a bare EINVAL; here the error names the group
/// and its length.
/// </summary>
internal static class GroupName
{
    /// <summary>Encodes <paramref name="group"/> for a C call, checked.</summary>
    /// <exception cref="ArgumentException">Null, containing NUL, or over 15 UTF-8 bytes.</exception>
    public static Utf8Buffer Encode(string group, Span<byte> scratch, string paramName)
    {
        ArgumentNullException.ThrowIfNull(group, paramName);
        int length = System.Text.Encoding.UTF8.GetByteCount(group);
        if (length > LibZmq.Draft.ZMQ_GROUP_MAX_LENGTH)
        {
            throw new ArgumentException(
                $"The group '{group}' is {length} UTF-8 bytes; libzmq's limit is {LibZmq.Draft.ZMQ_GROUP_MAX_LENGTH}.", paramName);
        }
        return Utf8Buffer.ForCString(group, scratch, paramName);
    }
}
