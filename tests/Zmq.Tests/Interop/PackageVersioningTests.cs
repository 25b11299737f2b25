using System.IO.Compression;
using System.Xml.Linq;
using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// One versioning rule for Zmq and Zmq.Interop (src/Zmq/Zmq.csproj says why): Zmq calls Zmq.Interop
/// internals, so the packed Zmq depends on exactly its own Zmq.Interop version, [x.y.z], and NuGet
/// refuses to upgrade one without the other (instead of a MissingMethodException at run time).
/// </summary>
public class PackageVersioningTests
{
    // Before: the nuspec said version="0.1.0" (NuGet's ">= 0.1.0") for Zmq.Interop.
    [Fact]
    public void The_packed_Zmq_pins_the_exact_Zmq_Interop_version()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug" : "Release";
        string output = Path.Combine(Path.GetTempPath(), $"zmq-pack-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            // --no-build: packs the assembly these tests were built against; no libzmq rebuild.
            var result = ChildProcess.Run("dotnet",
                ["pack", Path.Combine(Repository.Root, "src", "Zmq", "Zmq.csproj"), "-c", configuration, "--no-build", "-o", output, "-nologo"],
                TimeSpan.FromMinutes(3));
            result.AssertSucceeded("dotnet pack hung");
            string package = Directory.GetFiles(output, "Zmq.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
            using var archive = ZipFile.OpenRead(package);
            using var nuspec = archive.GetEntry("Zmq.nuspec")!.Open();
            XDocument document = XDocument.Load(nuspec);
            XNamespace ns = document.Root!.Name.Namespace;
            string version = document.Root.Element(ns + "metadata")!.Element(ns + "version")!.Value;
            var interop = document.Descendants(ns + "dependency").Where(d => (string?)d.Attribute("id") == "Zmq.Interop").ToList();
            Assert.NotEmpty(interop);
            Assert.All(interop, d => Assert.Equal($"[{version}]", (string?)d.Attribute("version")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
