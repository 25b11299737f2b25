using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zmq.TestHost;

/// <summary>
/// Throws random input at the public API for a bounded time: endpoints, option numbers and values,
/// frame sizes, and garbage bytes from a raw TCP peer. Anything but the documented exceptions
/// (ArgumentException and its kin, ZmqException, NotSupportedException) is a failure, and a crash
/// or hang fails the parent test, which runs this in a child process with a deadline.
/// </summary>
internal static class Fuzzer
{
    // No pgm/epgm: OpenPGM prints warnings for every loopback bind and needs raw sockets.
    private static readonly string[] Transports = ["tcp", "ipc", "inproc", "udp", "ws", "tipc", "foo", "", "tcp:", "TCP"];
    private static readonly string[] Hosts = ["127.0.0.1", "*", "localhost", "::1", "[::1]", "0.0.0.0", "256.1.1.1", "host name", "é", "lo", "", "a;b", "127.0.0.1;127.0.0.1"];
    private static readonly string[] Ports = ["*", "0", "1", "65535", "65536", "99999", "-1", "abc", "", "5555555555", "!"];

    public static int Run(TimeSpan duration, int seed)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        long endpoints = 0, options = 0, frames = 0, garbage = 0;
        var failures = new List<string>();
        using var context = new ZmqContext { DefaultLinger = TimeSpan.Zero };
        using var server = context.CreateSocket(ZmqSocketType.Router);
        server.ReceiveTimeout = TimeSpan.FromSeconds(5);
        server.Bind("tcp://127.0.0.1:*");
        int serverPort = int.Parse(server.LastEndpoint.Split(':')[^1], CultureInfo.InvariantCulture);
        using var left = context.CreateSocket(ZmqSocketType.Pair);
        using var right = context.CreateSocket(ZmqSocketType.Pair);
        left.ReceiveTimeout = right.ReceiveTimeout = TimeSpan.FromSeconds(5);
        left.Bind("inproc://fuzz-pair");
        right.Connect("inproc://fuzz-pair");

        while (clock.Elapsed < duration && failures.Count < 10)
        {
            switch (random.Next(4))
            {
                case 0:
                    endpoints++;
                    Guard(failures, () => FuzzEndpoint(context, random));
                    break;
                case 1:
                    options++;
                    Guard(failures, () => FuzzOption(context, random));
                    break;
                case 2:
                    frames++;
                    Guard(failures, () => FuzzFrame(left, right, random));
                    break;
                default:
                    garbage++;
                    Guard(failures, () => Garbage(server, serverPort, random));
                    break;
            }
        }
        // After all that, the sockets still work.
        Guard(failures, () => FuzzFrame(left, right, new Random(1)));
        Guard(failures, () => RealPeerStillServed(context, server));
        Console.WriteLine(FormattableString.Invariant(
            $"fuzz seed {seed}: {endpoints} endpoints, {options} options, {frames} frames, {garbage} garbage connections in {clock.Elapsed.TotalSeconds:F1} s; {failures.Count} failures"));
        foreach (string failure in failures)
        {
            Console.WriteLine("FAILURE " + failure);
        }
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Guard(List<string> failures, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is ArgumentException or ZmqException or NotSupportedException)
        {
            // Documented outcomes of bad input.
        }
        catch (Exception e)
        {
            failures.Add($"{e.GetType().Name}: {e.Message}");
        }
    }

    private static void FuzzEndpoint(ZmqContext context, Random random)
    {
        string endpoint = random.Next(10) == 0
            ? RandomText(random, random.Next(0, 300))
            : $"{Pick(random, Transports)}://{Pick(random, Hosts)}:{Pick(random, Ports)}";
        using var socket = context.CreateSocket((ZmqSocketType)random.Next(12));
        switch (random.Next(4))
        {
            case 0: socket.Bind(endpoint); socket.Unbind(socket.LastEndpoint); break;
            case 1: socket.Connect(endpoint); socket.Disconnect(endpoint); break;
            case 2: socket.Unbind(endpoint); break;
            default: socket.Disconnect(endpoint); break;
        }
    }

    private static void FuzzOption(ZmqContext context, Random random)
    {
        using var socket = context.CreateSocket((ZmqSocketType)random.Next(12));
        var option = (ZmqSocketOption)random.Next(0, 120);
        switch (random.Next(6))
        {
            case 0: socket.SetOption(option, random.Next(int.MinValue, int.MaxValue)); break;
            case 1: socket.SetOption(option, random.NextInt64()); break;
            case 2:
                byte[] bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                socket.SetOption(option, bytes);
                break;
            case 3: socket.GetOptionInt32(option); break;
            case 4: socket.GetOption(option, new byte[random.Next(0, 300)]); break;
            default: socket.GetOptionString(option); break;
        }
    }

    private static void FuzzFrame(ZmqSocket left, ZmqSocket right, Random random)
    {
        int size = random.Next(5) == 0 ? random.Next(0, 1 << 20) : random.Next(0, 100);
        byte[] payload = new byte[size];
        random.NextBytes(payload);
        left.Send(payload);
        using var message = right.ReceiveMessage();
        if (!message.Data.SequenceEqual(payload))
        {
            throw new InvalidOperationException($"a {size}-byte frame arrived corrupted");
        }
        byte[] small = new byte[random.Next(0, 64)];
        right.Send(payload);
        var result = left.Receive(small);
        if (result.FrameLength != size || result.BytesWritten != Math.Min(size, small.Length))
        {
            throw new InvalidOperationException($"truncation misreported: {result} for {size} bytes into {small.Length}");
        }
    }

    private static void Garbage(ZmqSocket server, int port, Random random)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        byte[] bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        if (random.Next(3) == 0)
        {
            // A valid ZMTP signature first, then garbage: exercises the handshake parser.
            new byte[] { 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3, 0 }.CopyTo(bytes, 0);
        }
        try
        {
            client.GetStream().Write(bytes);
        }
        catch (IOException)
        {
            // libzmq may already have dropped the connection: that is the right answer.
        }
        // libzmq still speaks ZMTP/1.0 (length-prefixed frames, no signature), so random bytes may
        // legitimately decode as messages: drain them; what matters is that nothing breaks.
        var drained = new List<byte[]>();
        while (server.TryReceiveMultipart(drained, ZmqReceiveFlags.DontWait))
        {
        }
    }

    /// <summary>After the garbage, a real peer still gets through to the server.</summary>
    private static void RealPeerStillServed(ZmqContext context, ZmqSocket server)
    {
        using var dealer = context.CreateSocket(ZmqSocketType.Dealer);
        dealer.Connect(server.LastEndpoint);
        dealer.SendString("real peer");
        var frames = new List<byte[]>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (server.TryReceiveMultipart(frames) && frames.Count == 2 && Encoding.UTF8.GetString(frames[1]) == "real peer")
            {
                return;
            }
        }
        throw new InvalidOperationException("after the garbage, a real peer's message never reached the ROUTER");
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append((char)random.Next(0, 0x3000));
        }
        return text.ToString();
    }
}
