using System.Globalization;

namespace Zmq.Samples;

/// <summary>
/// The options of one sample role, parsed from <c>--name value</c> or <c>--name=value</c>. Only the
/// options the role declares are accepted; anything else is a <see cref="SampleUsageException"/>
/// naming the bad value.
/// </summary>
public sealed class SampleOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _role;

    private SampleOptions(string role) => _role = role;

    /// <summary>Parses <paramref name="args"/> (everything after the role) against the allowed option names.</summary>
    public static SampleOptions Parse(string role, IReadOnlyList<string> args, IReadOnlyCollection<string> allowed)
    {
        var options = new SampleOptions(role);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new SampleUsageException($"unexpected argument '{arg}' for role '{role}'");
            }
            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            if (!allowed.Contains(name))
            {
                throw new SampleUsageException(
                    $"unknown option '--{name}' for role '{role}' (expected {string.Join(", ", allowed.Select(a => "--" + a))})");
            }
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new SampleUsageException($"option '--{name}' needs a value");
                }
                value = args[++i];
            }
            options._values[name] = value;
        }
        return options;
    }

    /// <summary>A string option, or its default.</summary>
    public string Get(string name, string defaultValue) => _values.GetValueOrDefault(name, defaultValue);

    /// <summary>A string option, or null when absent.</summary>
    public string? Find(string name) => _values.GetValueOrDefault(name);

    /// <summary>A positive whole number, or null when absent.</summary>
    public long? PositiveNumber(string name)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0)
        {
            throw new SampleUsageException($"option '--{name}' of role '{_role}' needs a positive whole number, got '{text}'");
        }
        return value;
    }

    /// <summary>A duration in milliseconds (0 or more), or null when absent.</summary>
    public TimeSpan? Milliseconds(string name)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
        {
            throw new SampleUsageException($"option '--{name}' of role '{_role}' needs milliseconds (0 to {int.MaxValue}), got '{text}'");
        }
        return TimeSpan.FromMilliseconds(ms);
    }
}
