using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Finds the native libzmq for every <see cref="LibZmq"/> import. The order is:
/// <list type="number">
/// <item>an explicit override: <see cref="LibraryPath"/>, else the <c>ZMQ_LIBRARY_PATH</c> environment
/// variable, a full path or a bare file name such as <c>libzmq.so.5</c> for the system's copy (nothing
/// else is tried when one is set, so a wrong path is reported, not bypassed);</item>
/// <item>the bundled library of the <c>Zmq.Native</c> package: <c>libzmq.so</c> (<c>.dylib</c>,
/// <c>.dll</c>) in the directories the host lists for native assets, the application directory, or its
/// <c>runtimes/&lt;rid&gt;/native/</c>, loaded by full path;</item>
/// <item>the system's library by name: <c>libzmq.so.5</c> (Debian's runtime package installs only
/// this one), <c>libzmq.so</c>, <c>libzmq.5.dylib</c> (also under Homebrew's prefixes), and the
/// Windows <c>libzmq-v14x-mt-4_3_x.dll</c> builds.</item>
/// </list>
/// </summary>
public static class LibZmqResolver
{
    /// <summary>The environment variable that names the libzmq file to load.</summary>
    public const string PathVariable = "ZMQ_LIBRARY_PATH";

    /// <summary>
    /// The runtime switch (<c>runtimeconfig.json</c>) that says libzmq is linked into the executable:
    /// set by the Zmq.Native build targets when <c>ZmqLinkStatically</c> is true for a NativeAOT publish.
    /// </summary>
    public const string StaticallyLinkedSwitch = "Zmq.Native.StaticallyLinked";

    private static readonly Lock s_gate = new();
    private static string? s_libraryPath;
    private static nint s_handle;
    private static string? s_loadedName;
    private static LibZmqOrigin s_origin;
    private static string[] s_probed = [];

    /// <summary>
    /// An explicit path to the libzmq file, tried before anything else. Settable only until the
    /// library has been loaded.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after libzmq was loaded.</exception>
    public static string? LibraryPath
    {
        get => s_libraryPath;
        set
        {
            lock (s_gate)
            {
                if (s_handle != 0)
                {
                    throw new InvalidOperationException(
                        $"libzmq is already loaded from '{s_loadedName}'; set LibraryPath before the first call into libzmq.");
                }
                s_libraryPath = value;
            }
        }
    }

    /// <summary>The native handle of the loaded libzmq, or zero before it is loaded.</summary>
    public static nint Handle => Volatile.Read(ref s_handle);

    /// <summary>The name or path that loaded, or null before it is loaded.</summary>
    public static string? LoadedName => s_loadedName;

    /// <summary>Which step of the search loaded libzmq; <see cref="LibZmqOrigin.None"/> before it is loaded.</summary>
    public static LibZmqOrigin Origin => s_origin;

    /// <summary>Every name or path tried by the last probe, in order.</summary>
    public static IReadOnlyList<string> Probed => s_probed;

    // The resolver must be registered before the first LibZmq import binds; a module initializer
    // is the only hook that runs before any code of this assembly, whoever calls it first.
#pragma warning disable CA2255 // Module initializer in a library: required so no import can bind first.
    [ModuleInitializer]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibZmqResolver).Assembly, Resolve);
#pragma warning restore CA2255

    // The resolver's own order replaces the runtime's probe, so the assembly and search path it
    // offers are not used.
    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibZmq.LibraryName ? TryLoad() : 0;

    /// <summary>Loads libzmq if it is not loaded yet; returns zero when every candidate failed.</summary>
    /// <returns>True when the library was found and loaded.</returns>
    public static nint TryLoad()
    {
        nint loaded = Volatile.Read(ref s_handle);
        return loaded != 0 ? loaded : LoadOnce();
    }

    /// <summary>
    /// Loads libzmq or throws a <see cref="DllNotFoundException"/> that lists every place probed and
    /// how to install libzmq on each operating system.
    /// </summary>
    /// <returns>The handle of the libzmq the binding uses.</returns>
    /// <exception cref="DllNotFoundException">No candidate could be loaded.</exception>
    public static nint EnsureLoaded()
    {
        nint handle = TryLoad();
        if (handle == 0)
        {
            throw new DllNotFoundException(DescribeFailure());
        }
        return handle;
    }

    private static nint LoadOnce()
    {
        lock (s_gate)
        {
            if (s_handle != 0)
            {
                return s_handle;
            }
            if (AppContext.TryGetSwitch(StaticallyLinkedSwitch, out bool isStatic) && isStatic)
            {
                // DirectPInvoke bound every import at link time; nothing is loaded, and the imports
                // never reach this resolver. The switch comes from the Zmq.Native build targets.
                s_loadedName = Environment.ProcessPath ?? "the executable";
                s_origin = LibZmqOrigin.StaticallyLinked;
                Volatile.Write(ref s_handle, NativeLibrary.GetMainProgramHandle());
                return s_handle;
            }
            var probed = new List<string>();
            foreach ((string candidate, LibZmqOrigin origin) in Candidates())
            {
                probed.Add(candidate);
                if (NativeLibrary.TryLoad(candidate, out nint loaded))
                {
                    s_loadedName = candidate;
                    s_origin = origin;
                    Volatile.Write(ref s_handle, loaded);
                    break;
                }
            }
            s_probed = [.. probed];
            return s_handle;
        }
    }

    private static IEnumerable<(string Candidate, LibZmqOrigin Origin)> Candidates()
    {
        string? explicitPath = s_libraryPath ?? Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return (explicitPath, LibZmqOrigin.Override);
            yield break;
        }
        foreach (string path in BundledCandidates())
        {
            yield return (path, LibZmqOrigin.Bundled);
        }
        foreach (string name in SystemCandidates())
        {
            yield return (name, LibZmqOrigin.System);
        }
    }

    /// <summary>The file name the Zmq.Native package gives the bundled library on this OS.</summary>
    public static string BundledFileName =>
        OperatingSystem.IsWindows() ? "libzmq.dll" : OperatingSystem.IsMacOS() ? "libzmq.dylib" : "libzmq.so";

    /// <summary>
    /// Full paths where a bundled libzmq may be, existing files only: the host's native asset
    /// directories (a package's <c>runtimes/&lt;rid&gt;/native/</c> in the NuGet cache under
    /// <c>dotnet run</c>, the application directory once published), then the application directory and its <c>runtimes/&lt;rid&gt;/native/</c>. Loading by full path keeps
    /// the system's search out of this step, so <see cref="Origin"/> is never wrong.
    /// (<c>AppContext.BaseDirectory</c>, not the assembly's location, which single-file apps lack.)
    /// </summary>
    private static IEnumerable<string> BundledCandidates()
    {
        var directories = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string hostDirectories)
        {
            directories.AddRange(hostDirectories.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }
        string rid = $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        directories.Add(AppContext.BaseDirectory);
        directories.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string directory in directories)
        {
            string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, BundledFileName));
            if (seen.Add(path) && File.Exists(path))
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<string> SystemCandidates()
    {
        if (OperatingSystem.IsWindows())
        {
            foreach (string toolset in (string[])["v143", "v142", "v141"])
            {
                foreach (string version in (string[])["4_3_5", "4_3_4"])
                {
                    yield return $"libzmq-{toolset}-mt-{version}.dll";
                }
            }
            yield return "libzmq-mt-4_3_5.dll";
            yield return "libzmq-mt-4_3_4.dll";
            yield return "libzmq.dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "libzmq.5.dylib";
            yield return "/opt/homebrew/lib/libzmq.5.dylib";
            yield return "/usr/local/lib/libzmq.5.dylib";
            yield return "libzmq.dylib";
        }
        else
        {
            yield return "libzmq.so.5";
            yield return "libzmq.so";
        }
    }

    private static string DescribeFailure() =>
        "The native libzmq (4.3 or later) could not be loaded: the Zmq.Native package's bundled copy was not found and no system copy was. Tried, in order: "
        + string.Join(", ", s_probed.Select(p => $"'{p}'"))
        + ". Install it: Debian/Ubuntu `apt-get install libzmq5` (or run native/install-libzmq.sh), "
        + "Fedora `dnf install zeromq`, Alpine `apk add libzmq`, macOS `brew install zeromq`, "
        + "Windows `vcpkg install zeromq` and put libzmq*.dll next to the application; "
        + $"or set {PathVariable} (or LibZmqResolver.LibraryPath) to the library file.";
}
