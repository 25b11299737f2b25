using System.Text.RegularExpressions;
using Zmq.Tests.Support;

namespace Zmq.Tests.Native;

/// <summary>
/// Every libzmq that native/build-libzmq.sh built exports libzmq's API and nothing else. Without
/// hidden visibility and --exclude-libs the shared library exported 6,325 symbols, among them the
/// whole statically linked C++ runtime, which an application loading its own libstdc++ could bind
/// to; and internal calls went through the PLT (0.64–0.93× Debian's libzmq5 at 1–64 B).
/// </summary>
public partial class ExportedSymbolsTests
{
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(30);

    /// <summary>The RIDs the build script makes; linux-x64 always exists before the tests run, the
    /// cross RIDs after the CrossNative target (a dependency of the test command's CrossPlatform).</summary>
    private static readonly string[] Rids = ["linux-x64", "linux-arm64", "win-x64"];

    [LinuxFact]
    public void Every_built_library_exports_only_the_functions_its_zmq_h_declares()
    {
        string root = Path.Combine(Repository.Root, "artifacts", "native");
        Assert.True(File.Exists(Path.Combine(root, "linux-x64", "libzmq.so")), "artifacts/native/linux-x64/libzmq.so is missing: run native/build-libzmq.sh");
        var checkedRids = new List<string>();
        foreach (string rid in Rids)
        {
            string folder = Path.Combine(root, rid);
            string library = Path.Combine(folder, rid.StartsWith("win-", StringComparison.Ordinal) ? "libzmq.dll" : "libzmq.so");
            if (!File.Exists(library))
            {
                continue;
            }
            var api = ApiFunctions(Path.Combine(folder, "include", "zmq.h"));
            var exported = rid.StartsWith("win-", StringComparison.Ordinal) ? DllExports(library) : ElfExports(library);
            Assert.True(exported.Count > 0, $"{rid}: no exports read from {library}");
            var unexpected = exported.Where(name => !api.Contains(name)).Order(StringComparer.Ordinal).ToList();
            Assert.True(unexpected.Count == 0,
                $"{rid}: {library} exports {unexpected.Count} symbols beyond zmq.h's API, e.g. {string.Join(", ", unexpected.Take(10))}");
            // The draft API is found by name at run time (LibZmqExports.GetExport): hiding it would
            // turn CLIENT/SERVER, RADIO/DISH and zmq_poller into NotSupportedException.
            foreach (string draft in (string[])["zmq_poller_new", "zmq_poller_wait_all", "zmq_msg_set_routing_id", "zmq_join"])
            {
                Assert.Contains(draft, exported);
            }
            checkedRids.Add(rid);
        }
        Assert.Contains("linux-x64", checkedRids);
    }

    [LinuxFact]
    public void Every_built_static_archive_defines_no_strong_global_symbol_beyond_its_zmq_h()
    {
        // libzmq.a is one object (native/build-libzmq.sh), linked whole into any program that uses
        // it: a strong global symbol of its own (tweetnacl's randombytes and crypto_*, sha1_init,
        // the radix tree's node_t methods in the global namespace) made a program defining the same
        // name fail to link with "multiple definition". Global stay zmq.h's functions and the weak
        // and unique symbols the linker merges (C++ template instances, typeinfo).
        string root = Path.Combine(Repository.Root, "artifacts", "native");
        Assert.True(File.Exists(Path.Combine(root, "linux-x64", "libzmq.a")), "artifacts/native/linux-x64/libzmq.a is missing: run native/build-libzmq.sh");
        var checkedRids = new List<string>();
        foreach (string rid in Rids.Where(r => r.StartsWith("linux-", StringComparison.Ordinal)))
        {
            string archive = Path.Combine(root, rid, "libzmq.a");
            if (!File.Exists(archive))
            {
                continue;
            }
            var api = ApiFunctions(Path.Combine(root, rid, "include", "zmq.h"));
            var strong = DefinedGlobals(archive, dynamicTable: false)
                .Where(symbol => symbol.Type is not ("V" or "W" or "v" or "w" or "u"))
                .Select(symbol => symbol.Name)
                .ToList();
            Assert.Contains("zmq_ctx_new", strong);
            var unexpected = strong.Where(name => !api.Contains(name)).Order(StringComparer.Ordinal).ToList();
            Assert.True(unexpected.Count == 0,
                $"{rid}: {archive} defines {unexpected.Count} global symbols beyond zmq.h's API, e.g. {string.Join(", ", unexpected.Take(10))}");
            checkedRids.Add(rid);
        }
        Assert.Contains("linux-x64", checkedRids);
    }

    [Fact]
    public void The_api_list_is_read_from_the_header_including_multi_line_and_draft_declarations()
    {
        string header = Path.Combine(Repository.Root, "artifacts", "native", "linux-x64", "include", "zmq.h");
        Assert.True(File.Exists(header), $"{header} is missing: run native/build-libzmq.sh");
        var api = ApiFunctions(header);
        // zmq_getsockopt's declaration spans two lines; zmq_poller_new is a draft; zmq_ctx_new returns a pointer.
        Assert.Contains("zmq_getsockopt", api);
        Assert.Contains("zmq_poller_new", api);
        Assert.Contains("zmq_ctx_new", api);
        Assert.DoesNotContain("zmq_msg_t", api);
        Assert.InRange(api.Count, 80, 120);
    }

    /// <summary>The functions zmq.h declares with ZMQ_EXPORT, whatever #if they sit under.</summary>
    private static HashSet<string> ApiFunctions(string header)
    {
        Assert.True(File.Exists(header), $"{header} is missing: the build script installs it beside the library");
        string text = File.ReadAllText(header);
        return Export().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static List<string> ElfExports(string library) =>
        DefinedGlobals(library, dynamicTable: true).Select(symbol => symbol.Name).ToList();

    /// <summary>The global symbols <paramref name="file"/> defines, with nm's type letter: from the
    /// dynamic table (a shared library's exports) or the ordinary one (an archive's objects).</summary>
    private static List<(string Type, string Name)> DefinedGlobals(string file, bool dynamicTable)
    {
        var nm = ChildProcess.Run("nm", [dynamicTable ? "-D" : "-g", "--defined-only", file], ToolLimit);
        nm.AssertSucceeded();
        return nm.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 3) // value, type, name; an archive's member headers have one field
            .Select(fields => (fields[1], fields[2]))
            .ToList();
    }

    /// <summary>The export table's names, as objdump -p prints them ("[   0] zmq_bind").</summary>
    private static List<string> DllExports(string library)
    {
        var objdump = ChildProcess.Run("objdump", ["-p", library], ToolLimit);
        objdump.AssertSucceeded();
        int table = objdump.Output.IndexOf("[Ordinal/Name Pointer] Table", StringComparison.Ordinal);
        Assert.True(table >= 0, $"objdump -p {library} printed no export name table");
        string rest = objdump.Output[table..];
        int end = rest.IndexOf("\n\n", StringComparison.Ordinal);
        return ExportEntry().Matches(end > 0 ? rest[..end] : rest).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"ZMQ_EXPORT\s+[^(;#]*?\b(zmq_\w+)\s*\(")]
    private static partial Regex Export();

    [GeneratedRegex(@"^\s*\[\s*\d+\]\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex ExportEntry();
}
