using System.Globalization;
using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Errors;

/// <summary>
/// The endpoint validator against libzmq itself, port by port: whatever the validator lets through
/// libzmq binds to exactly the port written, and whatever it refuses libzmq would have refused too
/// or bound to some other port (its atoi and 16-bit cast). So nothing bad reaches libzmq and
/// nothing good is refused.
/// </summary>
public class EndpointPortFuzzTests
{
    private const string Alphabet = "0123456789-+ *!abx";

    [Fact]
    public void Validator_and_libzmq_agree_on_every_port_tried()
    {
        using var context = new ZmqContext();
        var random = new Random(20261201);
        var tried = new HashSet<string>(["*", "0", "65535", "65536", "-1", "99999", "00080", "1e3", "0x50", "", " 80", "80 ", "+80", "12ab", "4294967297"]);
        while (tried.Count < 400)
        {
            tried.Add(RandomPort(random));
        }
        int misreadByLibzmq = 0;
        foreach (string port in tried)
        {
            string endpoint = $"tcp://127.0.0.1:{port}";
            int? literal = LiteralPort(port);
            (bool bound, int actualPort) = RawBind(context, endpoint);
            if (ValidatorAccepts(endpoint))
            {
                Assert.True(literal is not null || port == "*", $"'{port}' was accepted but is no port number");
                // "*" and "0" pick a free port; any other accepted port is bound as written or
                // refused by the OS (in use), never read as another number.
                Assert.False(bound && literal is > 0 && actualPort != literal, $"'{port}' was accepted and libzmq bound port {actualPort}");
            }
            else
            {
                Assert.True(literal is null && port != "*", $"'{port}' is a valid port, yet the validator refused it");
                if (bound)
                {
                    misreadByLibzmq++; // libzmq would have bound a port that is not what was written
                }
            }
        }
        Assert.True(misreadByLibzmq > 0, "no refused port would have been misread by libzmq: the fuzz tried nothing that matters");
    }

    /// <summary>The port a string means to a reader: "0", or up to nine decimal digits worth 1–65535 (no sign, no spaces); else null.</summary>
    private static int? LiteralPort(string port) =>
        port.Length is > 0 and <= 9 && port.All(char.IsAsciiDigit) && int.Parse(port, CultureInfo.InvariantCulture) is int value
            && value <= 65535 && (value > 0 || port == "0")
            ? value
            : null;

    private static string RandomPort(Random random)
    {
        int length = random.Next(1, 8);
        // Mostly digits, so that in-range and out-of-range numbers both come up often.
        return string.Create(length, random, static (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = r.Next(4) == 0 ? Alphabet[r.Next(Alphabet.Length)] : (char)('0' + r.Next(10));
            }
        });
    }

    private static bool ValidatorAccepts(string endpoint)
    {
        try
        {
            EndpointValidator.Validate(endpoint, "endpoint");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Binds through the raw import, past the validator: what libzmq alone makes of it.</summary>
    private static unsafe (bool Bound, int Port) RawBind(ZmqContext context, string endpoint)
    {
        using var socket = context.CreateBounded(ZmqSocketType.Pull);
        byte[] text = System.Text.Encoding.UTF8.GetBytes(endpoint + "\0");
        fixed (byte* p = text)
        {
            if (LibZmq.zmq_bind(socket.Handle, p) != 0)
            {
                return (false, -1);
            }
        }
        return (true, Endpoints.Port(socket.LastEndpoint));
    }
}
