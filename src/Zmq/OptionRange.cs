namespace Zmq;

/// <summary>Range checks for option values, done in C# so the error names the option and value.</summary>
internal static class OptionRange
{
    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value
            : throw new ArgumentOutOfRangeException(name, $"{name} must be at least {minimum}; got {value}.");

    public static long AtLeast(long value, long minimum, string name) =>
        value >= minimum ? value
            : throw new ArgumentOutOfRangeException(name, $"{name} must be at least {minimum}; got {value}.");

    /// <summary>
    /// Converts a duration to libzmq's int milliseconds. <see cref="Timeout.InfiniteTimeSpan"/> becomes -1
    /// where the option allows it.
    /// </summary>
    public static int ToMilliseconds(TimeSpan value, string name, bool allowInfinite, int maximum = int.MaxValue)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return allowInfinite ? -1
                : throw new ArgumentOutOfRangeException(name, $"{name} cannot be infinite.");
        }
        double ms = Math.Ceiling(value.TotalMilliseconds);
        if (ms < 0 || ms > maximum)
        {
            string range = allowInfinite ? $"0 to {maximum} ms, or Timeout.InfiniteTimeSpan" : $"0 to {maximum} ms";
            throw new ArgumentOutOfRangeException(name, $"{name} must be {range}; got {value}.");
        }
        return (int)ms;
    }

    public static TimeSpan FromMilliseconds(int ms) => ms < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);
}
