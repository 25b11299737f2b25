using System.Globalization;

namespace Zmq;

/// <summary>
/// Checks an endpoint in C# before libzmq sees it, where libzmq would fail unclearly or not at all:
/// null, empty, an embedded NUL (C would cut the string), no <c>transport://</c>, and a TCP/UDP/WS
/// port that is not <c>*</c> or a decimal number in 0–65535. libzmq 4.3.4 reads the port with
/// <c>atoi</c> and a cast to 16 bits, so it binds <c>tcp://*:99999</c> as port 34463,
/// <c>tcp://*:-1</c> as 65535 and <c>tcp://*:12ab</c> as 12 instead of failing.
/// </summary>
internal static class EndpointValidator
{
    public static void Validate(string endpoint, string paramName)
    {
        ArgumentNullException.ThrowIfNull(endpoint, paramName);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new ArgumentException("The endpoint is empty; expected 'transport://address', such as 'tcp://127.0.0.1:5555'.", paramName);
        }
        int schemeEnd = endpoint.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new ArgumentException($"Endpoint '{endpoint}' has no transport; expected 'transport://address', such as 'tcp://127.0.0.1:5555'.", paramName);
        }
        string transport = endpoint[..schemeEnd];
        if (transport is "tcp" or "udp" or "ws" or "wss")
        {
            // A connect endpoint may name a source address first: "tcp://src:port;dst:port".
            string[] parts = endpoint[(schemeEnd + 3)..].Split(';');
            foreach (string part in parts)
            {
                CheckPort(endpoint, part, paramName);
            }
            // The destination (the last part) always needs a port; a source address may omit it.
            if (transport is "tcp" or "udp" && !HasPort(parts[^1]))
            {
                throw new ArgumentException(
                    $"Endpoint '{endpoint}' has no port: {transport} endpoints are 'host:port', such as '{transport}://127.0.0.1:5555' ('*' for any free port when binding).",
                    paramName);
            }
        }
    }

    private static bool HasPort(string address)
    {
        int colon = address.LastIndexOf(':');
        return colon >= 0 && !address.EndsWith(']');
    }

    private static void CheckPort(string endpoint, string address, string paramName)
    {
        // ws endpoints may carry a path after the port.
        int pathStart = address.IndexOf('/', StringComparison.Ordinal);
        if (pathStart >= 0)
        {
            address = address[..pathStart];
        }
        int colon = address.LastIndexOf(':');
        if (colon < 0 || address.EndsWith(']'))
        {
            return; // No port: the caller reports it for the destination; a source may omit it.
        }
        string port = address[(colon + 1)..];
        if (port == "*")
        {
            return;
        }
        if (port.Length == 0 || !port.All(char.IsAsciiDigit))
        {
            throw new ArgumentException(
                $"Endpoint '{endpoint}' has port '{port}': expected a decimal number 0–65535, or '*' for any free port.", paramName);
        }
        if (port.Length > 9 || int.Parse(port, CultureInfo.InvariantCulture) > 65535)
        {
            throw new ArgumentOutOfRangeException(paramName,
                $"Endpoint '{endpoint}' has port {port}, outside 0–65535.");
        }
        if (port.Length > 1 && port.All(digit => digit == '0'))
        {
            // libzmq takes only "0" (or "*") for "any free port" and refuses "00" with EINVAL.
            throw new ArgumentException($"Endpoint '{endpoint}' has port '{port}': write 0 or '*' for any free port.", paramName);
        }
    }
}
