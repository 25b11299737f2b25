using System.Globalization;

namespace Zmq.Hosting;

/// <summary>
/// Parsers of configuration text into socket option values, used by the generated
/// <see cref="SocketOptionSetters"/> table. Hand-written rather than the configuration binder's
/// reflection, so the package stays trim- and NativeAOT-clean; each failure names the key and value.
/// </summary>
internal static class ConfigurationValue
{
    public static bool Boolean(string value, string key) =>
        bool.TryParse(value, out bool parsed) ? parsed : throw Bad(key, value, "expected true or false.");

    public static int Int32(string value, string key) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed)
            ? parsed : throw Bad(key, value, "expected a whole number (32-bit).");

    public static long Int64(string value, string key) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)
            ? parsed : throw Bad(key, value, "expected a whole number (64-bit).");

    public static ulong UInt64(string value, string key) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsed)
            ? parsed : throw Bad(key, value, "expected a non-negative whole number.");

    /// <summary>A string option; an empty value resets it (libzmq's null).</summary>
    public static string? Text(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// A duration: <c>hh:mm:ss[.fff]</c> (as the configuration binder writes a TimeSpan), a whole
    /// number with a unit (<c>250ms</c>, <c>5s</c>), or <c>Infinite</c> where the option allows it. A
    /// bare number is refused: the binder would read "5" as five days, a ZeroMQ user means 5 ms.
    /// </summary>
    public static TimeSpan Duration(string value, string key, bool allowInfinite)
    {
        string text = value.Trim();
        if (text.Equals("Infinite", StringComparison.OrdinalIgnoreCase) || text == "-1")
        {
            return allowInfinite ? Timeout.InfiniteTimeSpan : throw Bad(key, value, "this option cannot be infinite.");
        }
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        if (text.EndsWith('s') && !text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        if (text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan parsed) && parsed >= TimeSpan.Zero)
        {
            return parsed;
        }
        throw Bad(key, value, "expected a duration such as 00:00:05, 250ms or 5s" + (allowInfinite ? ", or Infinite." : "."));
    }

    /// <summary>A 32-byte CURVE public key as its 40 Z85 characters.</summary>
    public static byte[] CurveKey(string value, string key)
    {
        string text = value.Trim();
        if (text.Length != 40)
        {
            throw Bad(key, value, $"expected a CURVE key as 40 Z85 characters; got {text.Length} characters.");
        }
        try
        {
            return Z85.Decode(text);
        }
        catch (ArgumentException e)
        {
            throw new ZmqConfigurationException(key, value, "not valid Z85 text: " + e.Message, e);
        }
    }

    /// <summary>Bytes: <c>base64:…</c> or <c>hex:…</c>, else the text's UTF-8 bytes.</summary>
    public static byte[] Bytes(string value, string key)
    {
        try
        {
            if (value.StartsWith("base64:", StringComparison.OrdinalIgnoreCase))
            {
                return Convert.FromBase64String(value[7..]);
            }
            if (value.StartsWith("hex:", StringComparison.OrdinalIgnoreCase))
            {
                return Convert.FromHexString(value[4..]);
            }
        }
        catch (FormatException e)
        {
            throw new ZmqConfigurationException(key, value, e.Message, e);
        }
        return System.Text.Encoding.UTF8.GetBytes(value);
    }

    /// <summary>A CURVE key read from a file: its Z85 text (40 characters, surrounding white space ignored).</summary>
    public static string KeyFile(string path, string key)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ZmqConfigurationException(key, path, "cannot read the key file: " + e.Message, e);
        }
        if (text.Length != 40)
        {
            throw new ZmqConfigurationException(key, path, $"the file must hold a CURVE key as 40 Z85 characters; it holds {text.Length} characters.");
        }
        return text;
    }

    private static ZmqConfigurationException Bad(string key, string value, string reason) => new(key, value, reason);
}
