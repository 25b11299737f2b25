// Build script: ./build.sh --target=<Task> [--configuration=Debug|Release]
// The README's two commands are ./build.sh --target=Demo and ./build.sh --target=Test.
using System.Xml.Linq;

var target = Argument("target", "Test");
var configurationArgument = Argument<string>("configuration", null);
var testFilter = Argument<string>("filter", null);
var solution = "./Zmq.sln";
var artifacts = Directory("./artifacts");
// Test runs both configurations unless one is named: some interop bugs show only in Release.
var testConfigurations = configurationArgument is null ? new[] { "Debug", "Release" } : new[] { configurationArgument };
var buildConfiguration = configurationArgument ?? "Release";

void Run(string tool, string arguments, IDictionary<string, string> environment = null)
{
    Information($"> {tool} {arguments}");
    var settings = new ProcessSettings { Arguments = arguments };
    if (environment != null) settings.EnvironmentVariables = environment;
    int exitCode = StartProcess(tool, settings);
    if (exitCode != 0) throw new Exception($"'{tool} {arguments}' exited with {exitCode}");
}

Task("Clean").Does(() =>
{
    foreach (var folder in new[] { "src", "tests", "samples", "bench" })
    {
        CleanDirectories($"./{folder}/**/bin");
        CleanDirectories($"./{folder}/**/obj");
    }
    CleanDirectory(artifacts);
});

Task("Native")
    .Description("Builds the bundled libzmq from its pinned source (native/build-libzmq.sh, cached; installs cmake/g++ if missing), then prints what the resolver finds.")
    .Does(() =>
{
    if (IsRunningOnWindows() || IsRunningOnMacOs())
    {
        Information("The bundled libzmq is built on Linux x64 only; elsewhere the system libzmq is used (native/README.md).");
        return;
    }
    Run("bash", "native/build-libzmq.sh --install-toolchain");
    Run("dotnet", "run --project tests/Zmq.TestHost -c Release -- describe");
});

Task("NativeTests")
    .Description("Builds libzmq's own test suite with the bundled flags and patches (cached) and runs it with ctest, plus this project's reproducers in libzmq's test style.")
    .IsDependentOn("Native")
    .Does(() =>
{
    if (IsRunningOnWindows() || IsRunningOnMacOs())
    {
        Information("The bundled libzmq is built on Linux x64 only; no native test suite to run.");
        return;
    }
    Run("bash", "native/build-libzmq.sh --test");
});

Task("SystemLibzmq")
    .Description("Installs the OS libzmq5 (the second load path the tests prove), pyzmq for the interop tests, the headers the tests read and iproute2 for the multi-host tests.")
    .Does(() =>
{
    if (!IsRunningOnWindows())
    {
        Run("bash", "native/install-libzmq.sh --python --dev --netns");
    }
});

Task("Restore").Does(() => DotNetRestore(solution));

Task("Build").IsDependentOn("Restore").Does(() =>
{
    foreach (var configuration in testConfigurations)
    {
        DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true });
    }
});

// The library each test configuration loads: Release the bundled build (how users get it), Debug
// the OS's libzmq5 through the override, so both load paths and both builds stay proven.
var libraryOf = new Dictionary<string, string> { ["Release"] = "bundled", ["Debug"] = "system" };
const string SystemLibzmq = "libzmq.so.5";

Task("Test")
    .Description("Runs libzmq's own test suite on the bundled build, then every test of this project on the bundled libzmq (Release) and on the OS libzmq5 (Debug), and the NativeAOT, static-link and package-consumer tests.")
    .IsDependentOn("Native")
    .IsDependentOn("NativeTests")
    .IsDependentOn("SystemLibzmq")
    .IsDependentOn("Build")
    .IsDependentOn("AotSmoke")
    .IsDependentOn("StaticAot")
    .IsDependentOn("PackageConsumer")
    .IsDependentOn("Docs")
    .Does(() =>
{
    // A brief soak first (the Soak target runs it as long as asked).
    Run("dotnet", "run --project tests/Zmq.TestHost -c Release -- soak 10");
    var summary = new List<string>();
    int passedAll = 0, failedAll = 0;
    var failures = new List<string>();
    foreach (var configuration in testConfigurations)
    {
        int passed = 0, failed = 0, skipped = 0;
        var results = artifacts + Directory("test-results") + Directory(configuration);
        CleanDirectory(results);
        string library = libraryOf.GetValueOrDefault(configuration, "bundled");
        var environment = new Dictionary<string, string>();
        if (library == "system")
        {
            environment["ZMQ_LIBRARY_PATH"] = SystemLibzmq;
        }
        var settings = new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = results,
            Loggers = new[] { "trx", "console;verbosity=normal" },
            Filter = testFilter,
            EnvironmentVariables = environment,
            // A global watchdog on top of each test's own: a hung run is dumped and killed.
            ArgumentCustomization = args => args.Append("--blame-hang-timeout 5m"),
        };
        try
        {
            DotNetTest(solution, settings);
        }
        catch (Exception e)
        {
            failures.Add($"{configuration}: {e.Message}");
        }
        foreach (var trx in GetFiles($"{results}/*.trx"))
        {
            var counters = XDocument.Load(trx.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
            int total = (int)counters.Attribute("total");
            int executed = (int)counters.Attribute("executed");
            passed += (int)counters.Attribute("passed");
            failed += (int)counters.Attribute("failed") + (int)counters.Attribute("error") + (int)counters.Attribute("timeout");
            skipped += total - executed;
        }
        string loaded = library == "system" ? $"OS libzmq5 ({SystemLibzmq} via ZMQ_LIBRARY_PATH)" : "bundled libzmq (Zmq.Native)";
        summary.Add($"{configuration} on {loaded}: {passed} passed, {failed} failed, {skipped} skipped");
        passedAll += passed;
        failedAll += failed;
        if (passed == 0) failures.Add($"{configuration}: no test ran");
    }
    // Plain Console output: Cake colours Information's arguments, and CI reads these lines as is.
    Console.WriteLine();
    Console.WriteLine("Tests:");
    foreach (var line in summary) Console.WriteLine("  " + line);
    Console.WriteLine($"{passedAll} passed, {failedAll} failed in all");
    if (failures.Count > 0 || failedAll > 0)
    {
        throw new Exception("Tests failed: " + string.Join("; ", failures));
    }
});

Task("AotSmoke")
    .Description("Publishes a small console with NativeAOT and runs it on the bundled libzmq.so beside it: proves the binding is AOT- and trim-clean.")
    .IsDependentOn("Native")
    .Does(() =>
{
    var output = artifacts + Directory("aot-smoke");
    CleanDirectory(output);
    Run("dotnet", $"publish tests/Zmq.AotSmoke -c Release -r {RuntimeIdentifier()} -o {output}");
    Run(System.IO.Path.Combine(MakeAbsolute(output).FullPath, "Zmq.AotSmoke"), "--expect-origin Bundled");
});

Task("StaticAot")
    .Description("Publishes the AOT smoke test and the pipeline sample with libzmq.a linked in (ZmqLinkStatically), checks ldd shows no libzmq, and runs them where no libzmq is visible to the loader.")
    .IsDependentOn("Native")
    .IsDependentOn("Build")
    .Does(() =>
{
    if (RuntimeIdentifier() != "linux-x64")
    {
        Information("Static linking is built for linux-x64 only; skipped.");
        return;
    }
    var output = artifacts + Directory("aot-static");
    CleanDirectory(output);
    foreach (var project in new[] { "tests/Zmq.AotSmoke", "samples/Pipeline" })
    {
        Run("dotnet", $"publish {project} -c Release -r linux-x64 -p:PublishAot=true -p:ZmqLinkStatically=true -p:StripSymbols=true -o {output}");
    }
    Run("bash", $"tests/static-aot/run.sh {output}");
});

var packages = artifacts + Directory("packages");

Task("Pack")
    .Description("Packs Zmq.Native (the bundled libzmq), Zmq.Interop and Zmq, with symbols (.snupkg) and SourceLink, into artifacts/packages: a local feed.")
    .IsDependentOn("Native")
    .Does(() =>
{
    CleanDirectory(packages);
    foreach (var project in new[] { "native/package/Zmq.Native.csproj", "src/Interop/Zmq.Interop.csproj", "src/Zmq/Zmq.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings { Configuration = "Release", OutputDirectory = packages });
    }
    foreach (var package in GetFiles($"{packages}/*.*nupkg"))
    {
        Information($"packed {package.GetFilename()}");
    }
});

Task("PackageConsumer")
    .Description("Creates a console project outside the repository that restores Zmq from the local feed only, and runs request-reply, CURVE and draft checks against the bundled libzmq.")
    .IsDependentOn("Pack")
    .Does(() =>
{
    Run("bash", $"tests/package-consumer/run.sh {MakeAbsolute(packages).FullPath}");
});

string RuntimeIdentifier()
{
    var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
    var os = IsRunningOnWindows() ? "win" : IsRunningOnMacOs() ? "osx" : "linux";
    return $"{os}-{arch}";
}

Task("Demo")
    .Description("Runs the request-reply, pub-sub and pipeline demos end to end on loopback, on the bundled libzmq; fails unless every message arrived.")
    .IsDependentOn("Native")
    .Does(() =>
{
    Run("dotnet", $"build samples/Demo -c {buildConfiguration}");
    Run("dotnet", $"samples/Demo/bin/{buildConfiguration}/net10.0/Demo.dll");
});

Task("PublishSamples")
    .Description("Publishes the samples as NativeAOT single-file executables with libzmq linked in (and framework-dependent builds), with sizes and start-up times.")
    .IsDependentOn("Native")
    .Does(() =>
{
    var rid = RuntimeIdentifier();
    var aot = artifacts + Directory("samples") + Directory(rid);
    var portable = artifacts + Directory("samples") + Directory("portable");
    CleanDirectory(aot);
    CleanDirectory(portable);
    var samples = new[] { ("RequestReply", "requestreply"), ("PubSub", "pubsub"), ("Pipeline", "pipeline") };
    foreach (var (project, name) in samples)
    {
        // libzmq.a linked in where it is built (linux-x64): each sample is one file needing only libc.
        string linkStatically = rid == "linux-x64" ? " -p:ZmqLinkStatically=true" : "";
        Run("dotnet", $"publish samples/{project} -c Release -r {rid} -p:PublishAot=true -p:StripSymbols=true{linkStatically} -o {aot}");
        Run("dotnet", $"publish samples/{project} -c Release -o {portable}");
    }
    Console.WriteLine();
    Console.WriteLine($"| program | NativeAOT {rid} size | NativeAOT start-up | framework-dependent start-up |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var (project, name) in samples)
    {
        var executable = MakeAbsolute(aot + File(name)).FullPath;
        var size = new System.IO.FileInfo(executable).Length / 1024.0 / 1024.0;
        // Start-up = process start to exit of a role that loads libzmq, binds and handles one message.
        var probe = name switch
        {
            "requestreply" => "client --connect tcp://127.0.0.1:1 --timeout 1",
            "pubsub" => "publisher --bind tcp://127.0.0.1:* --count 1 --interval 0",
            _ => "sink --bind tcp://127.0.0.1:* --timeout 1",
        };
        var native = MedianMilliseconds(executable, probe);
        var managed = MedianMilliseconds("dotnet", MakeAbsolute(portable + File(name + ".dll")).FullPath + " " + probe);
        Console.WriteLine($"| {name} | {size:F1} MB | {native:F0} ms | {managed:F0} ms |");
    }
});

// Median wall time of 7 runs of a command (its exit code is not checked: timeouts exit 2 by design).
double MedianMilliseconds(string tool, string arguments)
{
    var times = new List<double>();
    for (int i = 0; i < 7; i++)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var process = StartAndReturnProcess(tool, new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, RedirectStandardError = true }))
        {
            process.WaitForExit();
        }
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

Task("Bench")
    .Description("Runs the perf matrix for native C, this binding and NetMQ, sync and async, then the draft API's programs (CLIENT/SERVER vs DEALER/ROUTER, a shared CLIENT vs one per thread); --quick for a shorter run, --draft-only for just the draft part. Writes bench/results/latest.{json,md}, draft.md and throughput.svg.")
    .IsDependentOn("Native")
    .Does(() =>
{
    if (!IsRunningOnWindows())
    {
        Run("bash", "native/install-libzmq.sh --dev");
    }
    // The C baseline links the same bundled libzmq the binding loads.
    Run("make", $"-s -C bench/native OUT=bin ZMQ_DIR={MakeAbsolute(Directory("artifacts/native/linux-x64")).FullPath}");
    foreach (var project in new[] { "bench/Zmq.Perf", "bench/NetMQ.Perf", "bench/Runner" })
    {
        DotNetBuild(project, new DotNetBuildSettings { Configuration = "Release" });
    }
    var release = "bin/Release/net10.0";
    Run("dotnet", $"bench/Runner/{release}/bench-runner.dll --native bench/native/bin --binding bench/Zmq.Perf/{release}/zmq-perf.dll --netmq bench/NetMQ.Perf/{release}/netmq-perf.dll --out bench/results"
        + (HasArgument("quick") ? " --quick" : "") + (HasArgument("draft-only") ? " --draft-only" : ""));
});

Task("Docs")
    .Description("Generates the API reference from the XML docs with docfx into artifacts/docs (a broken cross-reference or any other docfx warning fails it).")
    .Does(() =>
{
    DotNetBuild("src/Zmq", new DotNetBuildSettings { Configuration = "Release" });
    Run("dotnet", "docfx docs/docfx.json --warningsAsErrors");
    if (!FileExists("artifacts/docs/api/Zmq.ZmqSocket.html"))
    {
        throw new Exception("docfx wrote no page for Zmq.ZmqSocket");
    }
});

Task("Micro")
    .Description("BenchmarkDotNet micro-benchmarks: the binding's per-call cost against the raw native call, with allocations.")
    .Does(() =>
{
    // --quick: BenchmarkDotNet's short job (a minute or two, noisy); otherwise its default job.
    Run("dotnet", "run -c Release --project bench/Micro -- --filter * --artifacts artifacts/micro" + (HasArgument("quick") ? " --job short" : ""));
});

Task("Soak")
    .Description("Load for --duration=<seconds> (default 60): PUSH/PULL over tcp with every message sequence-checked; prints sent, received, lost and peak memory.")
    .IsDependentOn("Native")
    .Does(() =>
{
    var duration = Argument("duration", "60");
    Run("dotnet", $"run --project tests/Zmq.TestHost -c Release -- soak {duration}");
});

Task("Default").IsDependentOn("Test");

RunTarget(target);
