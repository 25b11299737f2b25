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
