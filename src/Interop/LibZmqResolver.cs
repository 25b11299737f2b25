using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Interop;

/// <summary>
/// Finds the native libzmq for every <see cref="LibZmq"/> import. The order is:
/// <list type="number">
/// <item>an explicit override: <see cref="LibraryPath"/>, else the <c>ZMQ_LIBRARY_PATH</c> environment
/// variable (nothing else is tried when one is set, so a wrong path is reported, not bypassed);</item>
/// <item>the runtime's default probe of <c>libzmq</c>: the application directory,
/// <c>runtimes/&lt;rid&gt;/native/</c>, then the system's library paths;</item>
/// <item>versioned file names: <c>libzmq.so.5</c> (Debian's runtime package installs only this one),
/// <c>libzmq.5.dylib</c> (also under Homebrew's prefixes), and the Windows
/// <c>libzmq-v14x-mt-4_3_x.dll</c> builds.</item>
/// </list>
/// </summary>
public static class LibZmqResolver
{
    /// <summary>The environment variable that names the libzmq file to load.</summary>
    public const string PathVariable = "ZMQ_LIBRARY_PATH";

    private static readonly Lock s_gate = new();
    private static string? s_libraryPath;
    private static nint s_handle;
    private static string? s_loadedName;
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

    /// <summary>Every name or path tried by the last probe, in order.</summary>
    public static IReadOnlyList<string> Probed => s_probed;

    // The resolver must be registered before the first LibZmq import binds; a module initializer
    // is the only hook that runs before any code of this assembly, whoever calls it first.
#pragma warning disable CA2255 // Module initializer in a library: required so no import can bind first.
    [ModuleInitializer]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibZmqResolver).Assembly, Resolve);
#pragma warning restore CA2255

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibZmq.LibraryName ? TryLoad(assembly, searchPath) : 0;

    /// <summary>Loads libzmq if it is not loaded yet; returns zero when every candidate failed.</summary>
    public static nint TryLoad() => TryLoad(typeof(LibZmqResolver).Assembly, null);

    /// <summary>
    /// Loads libzmq or throws a <see cref="DllNotFoundException"/> that lists every place probed and
    /// how to install libzmq on each operating system.
    /// </summary>
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

    private static nint TryLoad(Assembly assembly, DllImportSearchPath? searchPath)
    {
        nint loaded = Volatile.Read(ref s_handle);
        if (loaded != 0)
        {
            return loaded;
        }
        lock (s_gate)
        {
            if (s_handle != 0)
            {
                return s_handle;
            }
            var probed = new List<string>();
            foreach (string candidate in Candidates())
            {
                probed.Add(candidate);
                bool ok = candidate == LibZmq.LibraryName
                    ? NativeLibrary.TryLoad(candidate, assembly, searchPath, out loaded)
                    : NativeLibrary.TryLoad(candidate, out loaded);
                if (ok)
                {
                    s_loadedName = candidate;
                    Volatile.Write(ref s_handle, loaded);
                    break;
                }
            }
            s_probed = [.. probed];
            return s_handle;
        }
    }

    private static IEnumerable<string> Candidates()
    {
        string? explicitPath = s_libraryPath ?? Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return explicitPath;
            yield break;
        }
        yield return LibZmq.LibraryName;
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
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "libzmq.5.dylib";
            yield return "/opt/homebrew/lib/libzmq.5.dylib";
            yield return "/usr/local/lib/libzmq.5.dylib";
        }
        else
        {
            yield return "libzmq.so.5";
        }
    }

    private static string DescribeFailure() =>
        "The native libzmq (4.3 or later) could not be loaded. Tried, in order: "
        + string.Join(", ", s_probed.Select(p => $"'{p}'"))
        + ". Install it: Debian/Ubuntu `apt-get install libzmq5` (or run native/install-libzmq.sh), "
        + "Fedora `dnf install zeromq`, Alpine `apk add libzmq`, macOS `brew install zeromq`, "
        + "Windows `vcpkg install zeromq` and put libzmq*.dll next to the application; "
        + $"or set {PathVariable} (or LibZmqResolver.LibraryPath) to the library file.";
}
