namespace Zmq.Samples.Harness;

/// <summary>
/// Where a sample peer runs: on this machine from the programs built beside the caller
/// (<see cref="Host"/>), or from programs published for another RID, started through an emulator
/// (<c>build/emulators/run linux-arm64</c>, <c>… win-x64</c>). The demo runner mixes the two to prove
/// that peers of different platforms talk over tcp.
/// </summary>
/// <param name="Name">The RID the peers of this platform run as (shown in each peer's label).</param>
/// <param name="PublishedFolder">The folder of the published executables; null for the host's own builds.</param>
/// <param name="Launcher">The command (and arguments) that runs a published executable; empty for none.</param>
public sealed record SamplePlatform(string Name, string? PublishedFolder, IReadOnlyList<string> Launcher)
{
    /// <summary>The host: samples built next to the caller, started with <c>dotnet</c>, named by the host's RID.</summary>
    public static SamplePlatform Host { get; } = new(
        $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}",
        null, []);

    /// <summary>Starts <paramref name="program"/> in <paramref name="role"/> on this platform.</summary>
    /// <returns>The running peer.</returns>
    public PeerProcess Start(string program, string role, IEnumerable<string> args, string label, Action<string, string>? echo = null)
    {
        if (PublishedFolder is null)
        {
            return PeerProcess.StartSample(program, role, args, label, echo);
        }
        string executable = Path.Combine(PublishedFolder, Name.StartsWith("win-", StringComparison.Ordinal) ? program + ".exe" : program);
        return PeerProcess.StartPublished(executable, role, args, $"{label} @{Name}", echo, Launcher);
    }
}
