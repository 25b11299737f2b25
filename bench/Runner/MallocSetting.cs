using System.Runtime.InteropServices;

namespace Zmq.Bench.Runner;

/// <summary>
/// The glibc allocator setting every program of the matrix runs with, and how the results name it:
/// <see cref="Tunables"/> is what the runner sets in each program's environment (null: left alone),
/// <see cref="Effective"/> what the programs run with (null: no glibc, or nothing set),
/// <see cref="FileSuffix"/> what a <c>--default-malloc</c> run adds to its results' file names.
/// </summary>
/// <remarks>
/// Why the trim threshold is raised. libzmq allocates every frame above 33 bytes with <c>malloc</c>
/// in the thread that sends it and frees it in another (its I/O thread over tcp, the receiving
/// thread over inproc). With glibc's default trimming, a frame freed next to the top of its
/// arena's heap can give that memory back to the kernel, and the next frame faults it in again; a
/// sender that falls into that (its pipe running nearly empty, so each frame is freed before the
/// next is made) stays in it, since the faults slow it and keep the pipe empty. Whether a run falls
/// into it depended on the arena's history, not on the code under test: senders off the process's
/// first thread (an awaited send continues on a pool thread after its first park; every inproc
/// sender) fell into it in some runs and not in others, so a cell's median measured the luck of its
/// runs. A threshold no stream reaches takes that out for every program alike (NetMQ's frames are
/// managed arrays, so its per-frame path is unaffected). docs/performance.md has the measurement, and
/// docs/service.md what it means for a service. Setting the threshold also fixes glibc's mmap
/// threshold at its initial 128 KiB; the matrix's frames are at most 64 KiB, so they stay on the heap.
/// glibc only: elsewhere (Windows, musl) nothing is set.
/// </remarks>
internal sealed record MallocSetting(string? Tunables, string? Effective, string Description, string FileSuffix)
{
    /// <summary>The tunable appended to the programs' <c>GLIBC_TUNABLES</c> (256 MiB).</summary>
    public const string RaisedTrimThreshold = "glibc.malloc.trim_threshold=268435456";

    /// <summary>
    /// The setting for this run: the raised threshold appended to whatever <c>GLIBC_TUNABLES</c> the
    /// runner inherited, or, with <c>--default-malloc</c>, the inherited environment untouched and
    /// the results written to files of their own.
    /// </summary>
    public static MallocSetting For(bool defaultMalloc)
    {
        string suffix = defaultMalloc ? "-default-malloc" : string.Empty;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl", StringComparison.Ordinal))
        {
            return new(null, null, $"No glibc setting (no glibc here){(defaultMalloc ? " (--default-malloc)" : string.Empty)}.", suffix);
        }
        string? inherited = Environment.GetEnvironmentVariable("GLIBC_TUNABLES");
        if (string.IsNullOrEmpty(inherited))
        {
            inherited = null;
        }
        if (defaultMalloc)
        {
            return new(null, inherited, inherited is null
                ? "glibc's default heap trimming (--default-malloc)."
                : $"GLIBC_TUNABLES={inherited} as inherited (--default-malloc).", suffix);
        }
        string tunables = inherited is null ? RaisedTrimThreshold : $"{inherited}:{RaisedTrimThreshold}";
        return new(tunables, tunables, $"Every program with GLIBC_TUNABLES={tunables} (glibc's heap trim threshold raised to 256 MiB; bench/Runner/MallocSetting.cs says why).", suffix);
    }
}
