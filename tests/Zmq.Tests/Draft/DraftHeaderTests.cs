using System.Reflection;
using System.Runtime.InteropServices;
using Zmq.Interop;
using Zmq.Tests.Support;

namespace Zmq.Tests.Draft;

/// <summary>
/// The draft section of the zmq.h that the native build produced, against LibZmq.Draft: every
/// constant and function it declares is declared here with the same value, and exported by a
/// library built with drafts. On a library without them, the functions are NotSupportedException.
/// </summary>
public class DraftHeaderTests
{
    private static readonly string[] DraftFunctions = ZmqHeader.ExportedFunctions(ZmqHeader.DraftText()).ToArray();

    [Fact]
    public void Every_numeric_and_string_constant_of_the_draft_section_is_declared_with_its_value()
    {
        string draft = ZmqHeader.DraftText();
        var declared = typeof(LibZmq.Draft).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => f.GetRawConstantValue());
        var numeric = ZmqHeader.NumericDefines(draft).ToList();
        var strings = ZmqHeader.StringDefines(draft).ToList();
        Assert.True(numeric.Count >= 35, $"parsed only {numeric.Count} numeric constants from the draft section");
        Assert.Equal(4, strings.Count);
        foreach (var (name, value) in numeric)
        {
            Assert.True(declared.TryGetValue(name, out object? actual), $"zmq.h's draft {name} is not declared in LibZmq.Draft");
            Assert.True(Convert.ToInt64(actual, System.Globalization.CultureInfo.InvariantCulture) == value, $"{name} is {actual}, zmq.h says {value}");
        }
        foreach (var (name, value) in strings)
        {
            Assert.True(declared.TryGetValue(name, out object? actual), $"zmq.h's draft {name} is not declared in LibZmq.Draft");
            Assert.Equal(value, actual);
        }
    }

    [Fact]
    public void Every_draft_function_is_declared_and_exported_where_libzmq_has_drafts()
    {
        var declared = typeof(LibZmq.Draft).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet();
        Assert.True(DraftFunctions.Length >= 25, $"parsed only {DraftFunctions.Length} functions from the draft section");
        nint library = LibZmqResolver.EnsureLoaded();
        foreach (string function in DraftFunctions)
        {
            Assert.True(declared.Contains(function), $"zmq.h's draft {function} is not declared in LibZmq.Draft");
            if (ZmqLibrary.Has("draft"))
            {
                Assert.True(NativeLibrary.TryGetExport(library, function, out _), $"the drafts build does not export {function}");
            }
        }
        foreach (string name in declared.Where(n => n.StartsWith("zmq_", StringComparison.Ordinal)))
        {
            Assert.Contains(name, DraftFunctions);
        }
    }

    [Fact]
    public void A_draft_function_the_library_lacks_is_NotSupportedException_at_the_call()
    {
        if (ZmqLibrary.Has("draft"))
        {
            nint poller = LibZmq.Draft.zmq_poller_new();
            Assert.NotEqual(0, poller);
            unsafe
            {
                Assert.Equal(0, LibZmq.Draft.zmq_poller_destroy(&poller));
            }
            Assert.Equal(0, poller);
        }
        else
        {
            var error = Assert.Throws<NotSupportedException>(() => LibZmq.Draft.zmq_poller_new());
            Assert.Contains("zmq_poller_new", error.Message, StringComparison.Ordinal);
        }
    }
}
