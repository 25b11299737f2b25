using System.Text;

namespace Zmq.Tests.Support;

/// <summary>Hand-made ZMTP 3.0 bytes (RFC 23) for raw TCP peers that play a ZeroMQ socket, well or badly.</summary>
internal static class Zmtp
{
    /// <summary>The 64-byte greeting of a client (as-server 0) offering <paramref name="mechanism"/> ("NULL", "PLAIN", "CURVE", or anything).</summary>
    public static byte[] Greeting(string mechanism)
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF; // Signature: 0xFF, 8 padding bytes, 0x7F.
        greeting[9] = 0x7F;
        greeting[10] = 3; // Major version.
        greeting[11] = 0; // Minor version.
        Encoding.ASCII.GetBytes(mechanism).CopyTo(greeting, 12);
        return greeting;
    }

    /// <summary>A READY command (short command frame) carrying the Socket-Type property.</summary>
    public static byte[] Ready(string socketType)
    {
        var body = new List<byte> { 5 };
        body.AddRange("READY"u8.ToArray());
        body.Add((byte)"Socket-Type".Length);
        body.AddRange(Encoding.ASCII.GetBytes("Socket-Type"));
        body.AddRange([0, 0, 0, (byte)socketType.Length]);
        body.AddRange(Encoding.ASCII.GetBytes(socketType));
        return [0x04, (byte)body.Count, .. body];
    }
}
