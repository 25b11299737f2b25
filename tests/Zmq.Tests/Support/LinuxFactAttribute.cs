namespace Zmq.Tests.Support;

/// <summary>A fact that needs Linux facilities (signals via tgkill, /proc, network namespaces);
/// reported as skipped, with the reason, on other systems.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (signals, /proc)";
        }
    }
}

/// <summary>The theory counterpart of <see cref="LinuxFactAttribute"/>.</summary>
internal sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (signals, /proc)";
        }
    }
}
