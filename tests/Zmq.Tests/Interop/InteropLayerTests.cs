using System.Runtime.CompilerServices;
using System.Reflection;
using System.Runtime.InteropServices;
using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

public class InteropLayerTests
{
    [Fact]
    public void Zmq_msg_t_is_64_pointer_aligned_bytes_as_libzmq_says()
    {
        Assert.Equal(64, Unsafe.SizeOf<zmq_msg_t>());
        Assert.Equal(zmq_msg_t.Size, Unsafe.SizeOf<zmq_msg_t>());
        using var context = new ZmqContext();
        Assert.Equal(zmq_msg_t.Size, context.MessageStructSize);
        // Eight ulongs: the runtime aligns the struct to 8 bytes, as zmq.h's union does.
        Assert.Equal(8, Marshal.OffsetOf<AlignmentProbe>(nameof(AlignmentProbe.Message)).ToInt32());
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct AlignmentProbe
    {
#pragma warning disable CS0649
        public byte Before;
        public zmq_msg_t Message;
#pragma warning restore CS0649
    }

    [Fact]
    public void Every_import_says_cdecl()
    {
        var imports = typeof(LibZmq).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<LibraryImportAttribute>() is not null)
            .ToList();
        Assert.True(imports.Count > 70, $"only {imports.Count} LibraryImport declarations found");
        var withoutCdecl = imports
            .Where(m => m.GetCustomAttribute<UnmanagedCallConvAttribute>()?.CallConvs?.Contains(typeof(System.Runtime.CompilerServices.CallConvCdecl)) != true)
            .Select(m => m.Name)
            .ToList();
        Assert.True(withoutCdecl.Count == 0, $"imports without cdecl: {string.Join(", ", withoutCdecl)}");
    }

    [Fact]
    public void Pollitem_has_the_posix_layout()
    {
        Assert.Equal(16, Unsafe.SizeOf<zmq_pollitem_t>());
        Assert.Equal(24, Unsafe.SizeOf<zmq_pollitem_windows_t>());
    }

    [Fact]
    public void Every_stable_function_of_zmq_h_is_declared_and_exported()
    {
        var declared = typeof(LibZmq).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => m.Name).ToHashSet();
        nint library = LibZmqResolver.EnsureLoaded();
        var functions = ZmqHeader.ExportedFunctions().ToList();
        Assert.True(functions.Count > 60, $"parsed only {functions.Count} functions from zmq.h");
        foreach (string function in functions)
        {
            bool exported = NativeLibrary.TryGetExport(library, function, out _);
            if (exported)
            {
                Assert.True(declared.Contains(function), $"{function} is exported by libzmq but not declared in LibZmq");
            }
        }
        foreach (string function in declared.Where(n => n.StartsWith("zmq_", StringComparison.Ordinal) && !n.EndsWith("_raw", StringComparison.Ordinal) && n != "zmq_poll_windows"))
        {
            Assert.True(NativeLibrary.TryGetExport(library, function, out _), $"LibZmq declares {function}, which libzmq does not export");
        }
    }

    [Fact]
    public void Every_constant_matches_zmq_h()
    {
        var header = ZmqHeader.NumericDefines().GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First().Value);
        var constants = typeof(LibZmq).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.Name.StartsWith("ZMQ_", StringComparison.Ordinal)).ToList();
        Assert.True(constants.Count > 140, $"only {constants.Count} ZMQ_ constants declared");
        foreach (var field in constants)
        {
            Assert.True(header.TryGetValue(field.Name, out long expected), $"{field.Name} is not a numeric #define of zmq.h");
            long actual = Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(expected == actual, $"{field.Name} is {actual}, zmq.h says {expected}");
        }
    }

    [Fact]
    public void Every_numeric_constant_of_the_stable_header_is_declared()
    {
        // Left out on purpose: deprecated aliases of declared constants, the version macros (read
        // at run time with zmq_version), build switches, and ZMQ_GROUP_MAX_LENGTH, which only the
        // draft RADIO/DISH sockets use.
        string[] notDeclared =
        [
            "ZMQ_XREP", "ZMQ_XREQ", "ZMQ_IDENTITY", "ZMQ_NOBLOCK", "ZMQ_DELAY_ATTACH_ON_CONNECT", "ZMQ_FAIL_UNROUTABLE",
            "ZMQ_ROUTER_BEHAVIOR", "ZMQ_CONNECT_RID", "ZMQ_VERSION_MAJOR", "ZMQ_VERSION_MINOR", "ZMQ_VERSION_PATCH",
            "ZMQ_DEFINED_STDINT", "ZMQ_HAS_CAPABILITIES", "ZMQ_POLLITEMS_DFLT", "ZMQ_GROUP_MAX_LENGTH",
        ];
        var declared = typeof(LibZmq).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => f.Name).ToHashSet();
        var missing = ZmqHeader.NumericDefines().Select(d => d.Name).Distinct().Where(n => !declared.Contains(n) && !notDeclared.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"zmq.h constants not declared in LibZmq: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Interop_sources_use_LibraryImport_only_and_no_reflection()
    {
        string folder = Path.Combine(Repository.Root, "src", "Interop");
        var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sources);
        string[] forbidden = ["[DllImport", "DllImportAttribute", "GetDelegateForFunctionPointer", "System.Reflection.Emit", "MethodInfo", "Activator.", "Type.GetType("];
        foreach (string file in sources)
        {
            string text = File.ReadAllText(file);
            foreach (string word in forbidden)
            {
                Assert.False(text.Contains(word, StringComparison.Ordinal), $"{Path.GetFileName(file)} uses {word}");
            }
        }
        Assert.Contains(sources, f => File.ReadAllText(f).Contains("[assembly: DisableRuntimeMarshalling]", StringComparison.Ordinal));
    }

    [Fact]
    public void Interop_handles_only_release_and_leave_policy_to_their_owner()
    {
        // Thread hand-offs, linger choices and events are the Zmq package's policy (OwnedContextHandle,
        // OwnedSocketHandle); the interop handles expose nothing beyond SafeHandle but a factory.
        foreach (Type handle in (Type[])[typeof(ZmqContextHandle), typeof(ZmqSocketHandle)])
        {
            var extra = handle.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m is not ConstructorInfo && m.Name is not ("IsInvalid" or "get_IsInvalid"))
                .Select(m => m.Name)
                .ToList();
            Assert.True(extra.Count == 0, $"{handle.Name} exposes {string.Join(", ", extra)}");
            Assert.Empty(handle.GetEvents(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance));
        }
        string folder = Path.Combine(Repository.Root, "src", "Interop");
        foreach (string name in (string[])["ZmqContextHandle.cs", "ZmqSocketHandle.cs"])
        {
            string text = File.ReadAllText(Path.Combine(folder, name));
            foreach (string word in (string[])["new Thread", "CurrentManagedThreadId", "ZMQ_LINGER", "event "])
            {
                Assert.False(text.Contains(word, StringComparison.Ordinal), $"{name} decides policy: it uses {word}");
            }
        }
    }

    [Fact]
    public void Draft_exports_are_looked_up_lazily_and_missing_ones_are_NotSupportedException()
    {
        Assert.True(LibZmqExports.TryGetExport("zmq_ctx_new", out nint stable));
        Assert.NotEqual(0, stable);
        // The bundled build has the draft API, Debian's libzmq5 (the Debug run) does not.
        Assert.Equal(ZmqLibrary.Has("draft"), LibZmqExports.TryGetExport("zmq_poller_new", out _));
        var error = Assert.Throws<NotSupportedException>(() => LibZmqExports.GetExport("zmq_no_such_function"));
        Assert.Contains("zmq_no_such_function", error.Message, StringComparison.Ordinal);
    }
}
