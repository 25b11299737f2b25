using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Zmq.Hosting;

/// <summary>
/// Reads the <c>Zmq</c> configuration section by hand (no reflection binder: trim- and AOT-clean)
/// into <see cref="SocketDefinition"/>s, refusing unknown keys so a misspelt option is an error at
/// start-up instead of a silently ignored setting.
/// </summary>
internal static class SocketConfigurationReader
{
    /// <summary>The keys of a socket section that are not socket options.</summary>
    private static readonly string[] Reserved =
        ["Type", "Bind", "Connect", "Subscribe", "CurveSecretKey", "CurveSecretKeyFile", "CurvePublicKeyFile", "CurveServerKeyFile"];

    private static readonly string[] ContextKeys = ["IoThreads", "MaxSockets", "IPv6", "DefaultLinger", "MaxMessageSize"];

    public static void ReadHostSettings(IConfigurationSection section, ZmqHostingOptions options)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (child.Key.Equals("Sockets", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (child.Key.Equals("ShutdownTimeout", StringComparison.OrdinalIgnoreCase))
            {
                options.ShutdownTimeout = ConfigurationValue.Duration(Scalar(child), child.Path, allowInfinite: false);
            }
            else if (child.Key.Equals("Context", StringComparison.OrdinalIgnoreCase))
            {
                foreach (IConfigurationSection setting in child.GetChildren())
                {
                    string value = Scalar(setting);
                    Action<ZmqContext> apply = setting.Key.ToUpperInvariant() switch
                    {
                        "IOTHREADS" => Int(value, setting.Path, (c, v) => c.IoThreads = v),
                        "MAXSOCKETS" => Int(value, setting.Path, (c, v) => c.MaxSockets = v),
                        "MAXMESSAGESIZE" => Int(value, setting.Path, (c, v) => c.MaxMessageSize = v),
                        "IPV6" => Bool(value, setting.Path),
                        "DEFAULTLINGER" => Linger(value, setting.Path),
                        _ => throw new ZmqConfigurationException(setting.Path, value,
                            "unknown context setting; expected one of " + string.Join(", ", ContextKeys) + "."),
                    };
                    string path = setting.Path;
                    options.ContextSettings.Add((path, value, apply));
                }
            }
            else
            {
                throw new ZmqConfigurationException(child.Path, child.Value, "unknown setting; expected ShutdownTimeout, Context or Sockets.");
            }
        }

        static Action<ZmqContext> Int(string value, string key, Action<ZmqContext, int> set)
        {
            int parsed = ConfigurationValue.Int32(value, key);
            return context => set(context, parsed);
        }

        static Action<ZmqContext> Bool(string value, string key)
        {
            bool parsed = ConfigurationValue.Boolean(value, key);
            return context => context.IPv6 = parsed;
        }

        static Action<ZmqContext> Linger(string value, string key)
        {
            TimeSpan parsed = ConfigurationValue.Duration(value, key, allowInfinite: true);
            return context => context.DefaultLinger = parsed;
        }
    }

    /// <summary>Reads <c>Sockets:&lt;name&gt;</c> sections into (or on top of) <paramref name="definitions"/>.</summary>
    public static void ReadSockets(IConfigurationSection section, Dictionary<string, SocketDefinition> definitions)
    {
        foreach (IConfigurationSection socket in section.GetSection("Sockets").GetChildren())
        {
            if (!definitions.TryGetValue(socket.Key, out SocketDefinition? definition))
            {
                definition = new SocketDefinition(socket.Key);
                definitions.Add(socket.Key, definition);
            }
            ReadSocket(socket, definition);
        }
    }

    private static void ReadSocket(IConfigurationSection socket, SocketDefinition definition)
    {
        foreach (IConfigurationSection setting in socket.GetChildren())
        {
            string key = setting.Key;
            if (key.Equals("Type", StringComparison.OrdinalIgnoreCase))
            {
                string value = Scalar(setting);
                if (!Enum.TryParse(value, ignoreCase: true, out ZmqSocketType type) || !Enum.IsDefined(type)
                    || int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    throw new ZmqConfigurationException(setting.Path, value,
                        "unknown socket type; expected one of " + string.Join(", ", Enum.GetNames<ZmqSocketType>()) + ".");
                }
                definition.Type = type;
                definition.TypeKey = setting.Path;
            }
            else if (key.Equals("Bind", StringComparison.OrdinalIgnoreCase))
            {
                definition.Bind.AddRange(List(setting));
            }
            else if (key.Equals("Connect", StringComparison.OrdinalIgnoreCase))
            {
                definition.Connect.AddRange(List(setting));
            }
            else if (key.Equals("Subscribe", StringComparison.OrdinalIgnoreCase))
            {
                definition.Subscribe.AddRange(List(setting));
            }
            else if (key.Equals("CurveSecretKey", StringComparison.OrdinalIgnoreCase))
            {
                // The value is a secret: checked here, never echoed into an error message.
                string value = setting.Value ?? string.Empty;
                if (value.Trim().Length != 40)
                {
                    throw new ZmqConfigurationException(setting.Path, null, "expected a CURVE secret key as 40 Z85 characters.");
                }
                SetSecret(definition, setting.Path, value.Trim());
            }
            else if (key.Equals("CurveSecretKeyFile", StringComparison.OrdinalIgnoreCase))
            {
                SetSecret(definition, setting.Path, ConfigurationValue.KeyFile(Scalar(setting), setting.Path));
            }
            else if (key.Equals("CurvePublicKeyFile", StringComparison.OrdinalIgnoreCase)
                || key.Equals("CurveServerKeyFile", StringComparison.OrdinalIgnoreCase))
            {
                string z85 = ConfigurationValue.KeyFile(Scalar(setting), setting.Path);
                string option = key[..^"File".Length];
                AddOption(definition, setting.Path, z85, option);
            }
            else
            {
                AddOption(definition, setting.Path, Scalar(setting), key);
            }
        }
    }

    private static void AddOption(SocketDefinition definition, string path, string value, string option)
    {
        // A password (PlainPassword, SocksPassword) never appears in an error: hosts log start-up failures.
        string? shown = IsSecret(option) ? null : value;
        if (!SocketOptionSetters.Parsers.TryGetValue(option, out Func<string, string, Action<ZmqSocket>>? parse))
        {
            throw new ZmqConfigurationException(path, shown,
                $"unknown socket option '{option}'. A socket section takes {string.Join(", ", Reserved)} and the ZmqSocket option properties by name: "
                + string.Join(", ", SocketOptionSetters.Parsers.Keys.Order(StringComparer.Ordinal)) + ".");
        }
        if (option.Equals("CurvePublicKey", StringComparison.OrdinalIgnoreCase))
        {
            definition.HasCurvePublicKey = true;
        }
        Action<ZmqSocket> apply;
        try
        {
            apply = parse(value, path);
        }
        catch (ZmqConfigurationException) when (shown is null)
        {
            throw new ZmqConfigurationException(path, null, "not a valid value (hidden: the setting is a secret).");
        }
        definition.Options.Add((path, shown, apply));
    }

    private static bool IsSecret(string option) =>
        option.Contains("Password", StringComparison.OrdinalIgnoreCase) || option.Contains("Secret", StringComparison.OrdinalIgnoreCase);

    private static void SetSecret(SocketDefinition definition, string path, string z85)
    {
        if (definition.CurveSecretKeySource is not null)
        {
            throw new ZmqConfigurationException(path, null, $"the CURVE secret key is also set by '{definition.CurveSecretKeySource}'; give one of them.");
        }
        try
        {
            // Decoded once here so a malformed key fails the start, not the first connection.
            ZmqCurveSecretKey.FromZ85(z85).Dispose();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Neither the decoder's message nor the exception goes on: either may quote the key.
            throw new ZmqConfigurationException(path, null, $"not a valid Z85 CURVE secret key: expected 40 characters of the Z85 alphabet, got {z85.Length} characters ({e.GetType().Name})");
        }
        definition.CurveSecretKeySource = path;
        definition.CurveSecretKeyZ85 = z85;
    }

    /// <summary>A list setting: either one string or an array (children 0, 1, …).</summary>
    private static IEnumerable<(string Key, string Value)> List(IConfigurationSection setting)
    {
        if (setting.Value is not null)
        {
            return setting.Value.Length == 0 ? [] : [(setting.Path, setting.Value)];
        }
        return setting.GetChildren().Select(item => (item.Path, Scalar(item))).ToList();
    }

    private static string Scalar(IConfigurationSection setting) =>
        setting.Value ?? throw new ZmqConfigurationException(setting.Path, null, "expected a single value, found a section.");
}
