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
var labelledOutput = new object();

void Run(string tool, string arguments, IDictionary<string, string> environment = null)
{
    Information($"> {tool} {arguments}");
    var settings = new ProcessSettings { Arguments = arguments };
    if (environment != null) settings.EnvironmentVariables = environment;
    int exitCode = StartProcess(tool, settings);
    if (exitCode != 0) throw new Exception($"'{tool} {arguments}' exited with {exitCode}");
}

// Runs a program with every output line prefixed by its label, so runs that go side by side stay
// readable in one log; returns its exit code, or -1 when it ran past limit (a watchdog: it is then
// ended with its process tree and reported as hung). Arguments are passed one by one (no shell
// quoting). The end of its output is awaited for at most two minutes after it exits: a descendant
// that kept the pipes (wineserver, a build server) must not hang the build.
int RunLabelled(string label, string tool, IEnumerable<string> arguments, IDictionary<string, string> environment = null, TimeSpan? limit = null)
{
    var start = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments) start.ArgumentList.Add(argument);
    if (environment != null) foreach (var (name, value) in environment) start.Environment[name] = value;
    WriteLabelled(label, $"> {tool} {string.Join(" ", start.ArgumentList)}");
    using var process = new System.Diagnostics.Process { StartInfo = start };
    using var streamsEnded = new System.Threading.CountdownEvent(2);
    // A stream may end after this returned (killed, or its wait timed out): the count is then gone.
    void Ended() { try { streamsEnded.Signal(); } catch (ObjectDisposedException) { } }
    process.OutputDataReceived += (_, line) => { if (line.Data != null) WriteLabelled(label, line.Data); else Ended(); };
    process.ErrorDataReceived += (_, line) => { if (line.Data != null) WriteLabelled(label, line.Data); else Ended(); };
    process.Start();
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    if (!process.WaitForExit(limit ?? System.Threading.Timeout.InfiniteTimeSpan))
    {
        WriteLabelled(label, $"still running after {limit.Value.TotalMinutes:F0} min: ending it (and its children) as hung");
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromMinutes(1));
        return -1;
    }
    if (!streamsEnded.Wait(TimeSpan.FromMinutes(2)))
    {
        WriteLabelled(label, "exited, but its output did not end within 2 min (a descendant keeps the pipes); going on");
    }
    return process.ExitCode;
}

void WriteLabelled(string label, string line)
{
    lock (labelledOutput) Console.WriteLine($"[{label}] {line}");
}

// Runs independent pieces of work side by side (the machines this runs on have 2 cores and the
// pieces below mostly wait: on tests' deadlines, on an emulator, on sockets), and waits for all.
// Each piece records its own failures; an exception escaping one is rethrown after all have ended.
void RunSideBySide(IEnumerable<Action> pieces)
{
    var running = pieces.Select(piece => System.Threading.Tasks.Task.Factory.StartNew(piece, System.Threading.Tasks.TaskCreationOptions.LongRunning)).ToArray();
    try
    {
        System.Threading.Tasks.Task.WaitAll(running);
    }
    catch (AggregateException)
    {
        // Every piece has ended; the first failure is the one to report.
        throw running.First(task => task.IsFaulted).Exception.InnerException;
    }
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
    // When libzmq's own tests will run, one build makes the library and its tests together (the
    // script then compiles libzmq once, not twice) and runs them.
    Run("bash", "native/build-libzmq.sh --install-toolchain" + (RunsNativeTests ? " --test" : ""));
    nativeTestsRan = RunsNativeTests;
    Run("dotnet", "run --project tests/Zmq.TestHost -c Release -- describe");
});

bool RunsNativeTests => new[] { "Test", "NativeTests", "Default" }.Contains(target, StringComparer.OrdinalIgnoreCase);
bool nativeTestsRan = false;

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
    if (nativeTestsRan)
    {
        Information("libzmq's own tests ran with the Native build above.");
        return;
    }
    Run("bash", "native/build-libzmq.sh --test");
});

// The platforms built here besides linux-x64 (cross compilers), and proven under emulators.
var crossRids = new[] { "linux-arm64", "win-x64" };

Task("CrossNative")
    .Description("Cross-builds libzmq for linux-arm64 (aarch64 g++) and win-x64 (MinGW-w64) from the same pinned source and patches (cached; installs the cross compilers if missing), for the package and the emulator runs.")
    .Does(() =>
{
    if (RuntimeIdentifier() != "linux-x64")
    {
        Information("The cross builds run on Linux x64 only.");
        return;
    }
    foreach (var rid in crossRids)
    {
        Run("bash", $"native/build-libzmq.sh --install-toolchain --rid={rid}");
    }
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

Task("Prometheus")
    .Description("Installs Debian's prometheus package (the real server the service-sample tests scrape with; never left running as a system service).")
    .Does(() =>
{
    if (!IsRunningOnWindows())
    {
        Run("bash", "build/prometheus/setup.sh");
    }
});

Task("Restore").Does(() => DotNetRestore(solution));

Task("Build").IsDependentOn("Restore").Does(() =>
{
    foreach (var configuration in testConfigurations)
    {
        // Everything builds in the build configuration (benchmarks and tools included); the other
        // one builds only what its test run needs (the test project and what it references).
        string what = configuration == buildConfiguration ? solution : "tests/Zmq.Tests/Zmq.Tests.csproj";
        DotNetBuild(what, new DotNetBuildSettings { Configuration = configuration, NoRestore = true });
    }
});

// The library each test configuration loads: Release the bundled build (how users get it), Debug
// the OS's libzmq5 through the override, so both load paths and both builds stay proven.
var libraryOf = new Dictionary<string, string> { ["Release"] = "bundled", ["Debug"] = "system" };
const string SystemLibzmq = "libzmq.so.5";

Task("Test")
    .Description("Runs libzmq's own test suite on the bundled build, then every test of this project on the bundled libzmq (Release) and on the OS libzmq5 (Debug) side by side, and the NativeAOT, static-link, package-consumer and emulated-platform (CrossPlatform) tests.")
    .IsDependentOn("Native")
    .IsDependentOn("NativeTests")
    .IsDependentOn("SystemLibzmq")
    .IsDependentOn("Prometheus")
    .IsDependentOn("Build")
    .IsDependentOn("AotSmoke")
    .IsDependentOn("StaticAot")
    .IsDependentOn("PackageConsumer")
    .IsDependentOn("CrossPlatform")
    .IsDependentOn("Docs")
    .Does(() =>
{
    // A brief soak first (the Soak target runs it as long as asked).
    Run("dotnet", "run --project tests/Zmq.TestHost -c Release -- soak 10");
    RunTestSuites(testConfigurations);
});

Task("QuickTest")
    .Description("The edit-test loop: the main test suite in Release on the bundled libzmq only (no OS-library run, no libzmq test suite, no AOT, packaging, docs or emulated platforms). Not the full check: --target=Test is.")
    .IsDependentOn("Native")
    .IsDependentOn("SystemLibzmq")
    .Does(() =>
{
    var configurations = new[] { configurationArgument ?? "Release" };
    foreach (var configuration in configurations)
    {
        DotNetBuild("tests/Zmq.Tests", new DotNetBuildSettings { Configuration = configuration });
    }
    RunTestSuites(configurations);
});

// Runs the main test suite once per configuration, each on its library (libraryOf), side by side
// when there are two (each output line labelled with its configuration), and prints one count per
// library and the plain "N passed, N failed" line CI reads; throws if any failed.
void RunTestSuites(IEnumerable<string> configurations)
{
    var runs = configurations.Select(configuration => (Configuration: configuration, Summary: "", Passed: 0, Failed: 0, Failure: (string)null)).ToArray();
    RunSideBySide(Enumerable.Range(0, runs.Length).Select(i => (Action)(() =>
    {
        try
        {
            runs[i] = RunTestSuite(runs[i].Configuration);
        }
        catch (Exception e)
        {
            // One suite's trouble (say, a truncated results file) must not hide the other's counts.
            runs[i] = (runs[i].Configuration, $"{runs[i].Configuration}: {e.Message}", 0, 0, $"{runs[i].Configuration}: {e.Message}");
        }
    })));
    // Plain Console output: Cake colours Information's arguments, and CI reads these lines as is.
    Console.WriteLine();
    Console.WriteLine("Tests:");
    foreach (var run in runs) Console.WriteLine("  " + run.Summary);
    int failedAll = runs.Sum(run => run.Failed);
    Console.WriteLine($"{runs.Sum(run => run.Passed)} passed, {failedAll} failed in all");
    var failures = runs.Where(run => run.Failure != null).Select(run => run.Failure).ToList();
    if (failures.Count > 0 || failedAll > 0)
    {
        throw new Exception("Tests failed: " + string.Join("; ", failures));
    }
}

(string Configuration, string Summary, int Passed, int Failed, string Failure) RunTestSuite(string configuration)
{
    var run = RunTestSuiteInto(configuration, MakeAbsolute(artifacts + Directory("test-results") + Directory(configuration)), consoleLog: true);
    string library = libraryOf.GetValueOrDefault(configuration, "bundled");
    string loaded = library == "system" ? $"OS libzmq5 ({SystemLibzmq} via ZMQ_LIBRARY_PATH)" : "bundled libzmq (Zmq.Native)";
    string failure = run.ExitCode != 0 ? $"{configuration}: dotnet test exited with {run.ExitCode}" : null;
    if (run.Passed == 0) failure = $"{configuration}: no test ran" + (failure is null ? "" : $" ({failure})");
    return (configuration, $"{configuration} on {loaded}: {run.Passed} passed, {run.Failed} failed, {run.Skipped} skipped", run.Passed, run.Failed, failure);
}

// One dotnet test of the main suite in a configuration, on its library, with a trx file in results
// (cleaned first) and, if asked, every test's outcome on the console labelled with the configuration.
(int ExitCode, int Passed, int Failed, int Skipped, List<string> FailedTests, bool WroteResults) RunTestSuiteInto(string configuration, DirectoryPath results, bool consoleLog)
{
    // System.IO rather than Cake's aliases: this runs on several threads at once.
    if (System.IO.Directory.Exists(results.FullPath)) System.IO.Directory.Delete(results.FullPath, recursive: true);
    System.IO.Directory.CreateDirectory(results.FullPath);
    string library = libraryOf.GetValueOrDefault(configuration, "bundled");
    var environment = new Dictionary<string, string>();
    if (library == "system")
    {
        environment["ZMQ_LIBRARY_PATH"] = SystemLibzmq;
    }
    var arguments = new List<string> { "test", "tests/Zmq.Tests/Zmq.Tests.csproj", "--configuration", configuration, "--no-build", "--no-restore",
        "--results-directory", MakeAbsolute(results).FullPath, "--logger", "trx", "--logger", consoleLog ? "console;verbosity=normal" : "console;verbosity=quiet",
        // A global watchdog on top of each test's own: a hung run is dumped and killed.
        "--blame-hang-timeout", "5m" };
    if (!string.IsNullOrEmpty(testFilter)) arguments.AddRange(new[] { "--filter", testFilter });
    int exitCode = RunLabelled(configuration, "dotnet", arguments, environment);
    int passed = 0, failed = 0, skipped = 0;
    var failedTests = new List<string>();
    var files = System.IO.Directory.GetFiles(results.FullPath, "*.trx");
    foreach (var trx in files)
    {
        var document = XDocument.Load(trx);
        var counters = document.Descendants().First(e => e.Name.LocalName == "Counters");
        int total = (int)counters.Attribute("total");
        int executed = (int)counters.Attribute("executed");
        passed += (int)counters.Attribute("passed");
        failed += (int)counters.Attribute("failed") + (int)counters.Attribute("error") + (int)counters.Attribute("timeout");
        skipped += total - executed;
        failedTests.AddRange(document.Descendants()
            .Where(e => e.Name.LocalName == "UnitTestResult" && (string)e.Attribute("outcome") != "Passed" && (string)e.Attribute("outcome") != "NotExecuted")
            .Select(e => (string)e.Attribute("testName")));
    }
    return (exitCode, passed, failed, skipped, failedTests, files.Length > 0);
}

Task("AotSmoke")
    .Description("Publishes a small console with NativeAOT and runs it on the bundled libzmq.so beside it: proves the binding is AOT- and trim-clean.")
    .IsDependentOn("Native")
    .Does(() =>
{
    var output = artifacts + Directory("aot-smoke");
    CleanDirectory(output);
    Run("dotnet", $"publish tests/Zmq.AotSmoke -c Release -r {RuntimeIdentifier()} -o {output}");
    Run(System.IO.Path.Combine(MakeAbsolute(output).FullPath, "Zmq.AotSmoke"), "--expect-origin=Bundled");
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
    .Description("Packs Zmq.Native (the bundled libzmq), Zmq.Interop, Zmq and Zmq.Hosting, with symbols (.snupkg) and SourceLink, into artifacts/packages: a local feed.")
    .IsDependentOn("Native")
    .IsDependentOn("CrossNative")
    .Does(() =>
{
    CleanDirectory(packages);
    foreach (var project in new[] { "native/package/Zmq.Native.csproj", "src/Interop/Zmq.Interop.csproj", "src/Zmq/Zmq.csproj", "src/Zmq.Hosting/Zmq.Hosting.csproj" })
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
    // Every RID built here must be in the package, under the name its resolver looks for.
    var rids = new[] { "linux-x64" }.Concat(crossRids).Where(rid => FileExists($"artifacts/native/{rid}/build-info.txt"));
    Run("bash", $"tests/package-consumer/run.sh {MakeAbsolute(packages).FullPath} {string.Join(",", rids)}");
});

string RuntimeIdentifier()
{
    var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
    var os = IsRunningOnWindows() ? "win" : IsRunningOnMacOs() ? "osx" : "linux";
    return $"{os}-{arch}";
}

Task("CrossPlatform")
    .Description("Publishes the portable test subset and the three demo samples for linux-arm64 (NativeAOT, libzmq linked in) and win-x64 (self-contained), runs them under qemu-user and wine (build/emulators) side by side, with the demos also against linux-x64 peers over tcp; prints what ran, what was left out and why, and how long each took.")
    .IsDependentOn("Native")
    .IsDependentOn("CrossNative")
    .Does(() =>
{
    if (RuntimeIdentifier() != "linux-x64")
    {
        Information("The emulated platforms are proven from Linux x64 only (qemu-user, wine).");
        return;
    }
    Run("bash", "build/emulators/setup.sh " + string.Join(" ", crossRids));
    Run("dotnet", "build samples/Demo -c Release");
    var exclusions = ReadCrossExclusions("tests/Zmq.PortableTests/exclusions.txt");
    var runner = MakeAbsolute(File("build/emulators/run")).FullPath;
    var published = new Dictionary<string, TimeSpan>();
    // Publishing is CPU-bound (NativeAOT, trimming): one RID after the other.
    foreach (var rid in crossRids)
    {
        var root = MakeAbsolute(artifacts + Directory("emulated") + Directory(rid));
        CleanDirectory(root);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Run("dotnet", $"publish tests/Zmq.PortableTests -c Release -r {rid} --self-contained -o {root.Combine("tests")}");
        foreach (var project in new[] { "RequestReply", "PubSub", "Pipeline" })
        {
            Run("dotnet", $"publish samples/{project} -c Release -r {rid} {CrossSamplePublishOptions(rid)} -o {root.Combine("samples")}");
        }
        published[rid] = clock.Elapsed;
    }
    // Running is mostly waiting on the emulators: the RIDs run side by side, each line labelled.
    var rows = new string[crossRids.Length];
    var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
    RunSideBySide(Enumerable.Range(0, crossRids.Length).Select(i => (Action)(() =>
    {
        try
        {
            RunEmulated(i);
        }
        catch (Exception e)
        {
            // One RID's trouble must not hide the other's row.
            failures.Enqueue($"{crossRids[i]}: {e.Message}");
            rows[i] ??= $"| {crossRids[i]} | {CrossEmulator(crossRids[i])} | {e.Message} | | | | |";
        }
    })));
    void RunEmulated(int i)
    {
        var rid = crossRids[i];
        var root = MakeAbsolute(artifacts + Directory("emulated") + Directory(rid));
        var tests = root.Combine("tests");

        // The subset, in one process under the emulator; its own child processes (the test host)
        // go through the same emulator (ZMQ_TEST_LAUNCHER; wine starts Windows programs itself).
        var arguments = new List<string> { rid, rid == "win-x64" ? tests.CombineWithFilePath("Zmq.PortableTests.exe").FullPath : tests.CombineWithFilePath("Zmq.PortableTests").FullPath,
            "-noColor", "-noLogo", "-result-xml", root.CombineWithFilePath("tests.xml").FullPath,
            // xunit names a test still running after two minutes (a hang then shows which test it is).
            "-longRunning", "120" };
        var environment = new Dictionary<string, string> { ["ZMQ_TEST_EXPECTED_RID"] = rid };
        if (rid == "linux-arm64") environment["ZMQ_TEST_LAUNCHER"] = $"{runner} {rid}";
        foreach (var (excludedRid, kind, value, reason) in exclusions.Where(e => e.Rid == rid))
        {
            WriteLabelled(rid, $"leaving out {kind} {value}: {reason}");
            if (kind == "class") arguments.AddRange(new[] { "-class-", value });
            else if (kind == "transports") environment["ZMQ_TEST_TRANSPORTS"] = value;
            else throw new Exception($"exclusions.txt: unknown kind '{kind}' for {rid} (expected class or transports)");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The subsets take 2-5 min under load; 20 min means hung (xunit has named the test by then).
        int exitCode = RunLabelled(rid, runner, arguments, environment, TimeSpan.FromMinutes(20));
        if (exitCode == -1 && rid == "win-x64")
        {
            // wine starts Windows children outside the Linux process tree: end what is left in
            // this prefix (and only there), or a hung test host outlives the run.
            RunLabelled(rid, "bash", new[] { "-c", ". build/emulators/locations.sh && WINEPREFIX=\"$wine_prefix\" /usr/lib/wine/wineserver64 -k" });
        }
        if (exitCode != 0) failures.Enqueue($"{rid} tests: {(exitCode == -1 ? "hung (ended after 20 min)" : $"exited with {exitCode}")}");
        var testTime = clock.Elapsed;
        string counts = "no result file";
        var xml = root.CombineWithFilePath("tests.xml");
        if (FileExists(xml))
        {
            var assembly = XDocument.Load(xml.FullPath).Descendants().First(e => e.Name.LocalName == "assembly");
            int passed = (int)assembly.Attribute("passed"), failed = (int)assembly.Attribute("failed") + (int)assembly.Attribute("errors"), skipped = (int)assembly.Attribute("skipped");
            counts = $"{passed} passed, {failed} failed, {skipped} skipped";
            if (passed == 0) failures.Enqueue($"{rid}: no test ran");
            foreach (var test in XDocument.Load(xml.FullPath).Descendants().Where(e => e.Name.LocalName == "test" && (string)e.Attribute("result") == "Skip"))
            {
                WriteLabelled(rid, $"skipped {(string)test.Attribute("name")}: {test.Descendants().FirstOrDefault(e => e.Name.LocalName == "reason")?.Value.Trim()}");
            }
        }
        else
        {
            failures.Enqueue($"{rid}: the test run wrote no {xml}");
        }

        // The three demos: every role emulated, then mixed with linux-x64 peers both ways.
        clock.Restart();
        string demos = "all 3 rounds passed";
        exitCode = RunLabelled(rid, "dotnet", new[] { "samples/Demo/bin/Release/net10.0/Demo.dll", $"--platform={rid}", $"--published={root.Combine("samples")}", "--launcher", runner, rid }, null, TimeSpan.FromMinutes(10));
        if (exitCode != 0)
        {
            demos = "FAILED";
            failures.Enqueue($"{rid} demos: exited with {exitCode}");
        }
        rows[i] = $"| {rid} | {CrossEmulator(rid)} | {counts} | {testTime.TotalSeconds:F0} s | {demos} | {clock.Elapsed.TotalSeconds:F0} s | {published[rid].TotalSeconds:F0} s |";
    }
    Console.WriteLine();
    Console.WriteLine("Emulated platforms:");
    Console.WriteLine("| RID | emulator | portable tests | time | demos (emulated; emulated binders + linux-x64 connectors; the reverse) | time | publish |");
    Console.WriteLine("|---|---|---|---:|---|---:|---:|");
    foreach (var row in rows) Console.WriteLine(row);
    if (!failures.IsEmpty)
    {
        throw new Exception("Emulated platforms failed: " + string.Join("; ", failures));
    }
});

// How the samples are published per emulated RID: linux-arm64 as NativeAOT with libzmq.a linked
// in, through the aarch64 gcc (build/cross: ILCompiler drives clang-style --target flags);
// win-x64 self-contained JIT, since NativeAOT cannot cross-compile to Windows from Linux.
string CrossSamplePublishOptions(string rid) => rid switch
{
    "linux-arm64" => "-p:PublishAot=true -p:ZmqLinkStatically=true -p:StripSymbols=true"
        + $" -p:CppCompilerAndLinker={MakeAbsolute(File("build/cross/aarch64-linux-gnu-gcc")).FullPath} -p:ObjCopyName=aarch64-linux-gnu-objcopy",
    _ => "--self-contained",
};

string CrossEmulator(string rid) => rid == "linux-arm64" ? "qemu-aarch64-static" : "wine64";

// exclusions.txt: "<rid> | <kind> <value> | <reason>" lines; # starts a comment.
List<(string Rid, string Kind, string Value, string Reason)> ReadCrossExclusions(string path)
{
    var result = new List<(string, string, string, string)>();
    foreach (var raw in System.IO.File.ReadAllLines(path))
    {
        var line = raw.Trim();
        if (line.Length == 0 || line.StartsWith("#")) continue;
        var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
        var what = parts.Length == 3 ? parts[1].Split(' ', 2, StringSplitOptions.TrimEntries) : Array.Empty<string>();
        if (what.Length != 2 || parts[2].Length == 0) throw new Exception($"{path}: cannot read '{raw}' (expected '<rid> | <kind> <value> | <reason>')");
        result.Add((parts[0], what[0], what[1], parts[2]));
    }
    return result;
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
            "requestreply" => "client --connect=tcp://127.0.0.1:1 --timeout=1",
            "pubsub" => "publisher --bind=tcp://127.0.0.1:* --count=1 --interval=0",
            _ => "sink --bind=tcp://127.0.0.1:* --timeout=1",
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

// --repetitions=N for the bench: a positive whole number, or a clear error naming what was given.
int BenchRepetitions()
{
    string given = Argument<string>("repetitions", "");
    if (!int.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int repetitions) || repetitions < 1)
    {
        throw new ArgumentException($"--repetitions must be a whole number of at least 1 (got '{given}')");
    }
    return repetitions;
}

// Checked when the script starts, before the targets Bench depends on build anything.
var benchRepetitions = HasArgument("repetitions") ? $" --repetitions {BenchRepetitions()}" : "";

Task("Bench")
    .Description("Runs the perf matrix for native C (on the bundled libzmq, shared and static, and on the OS libzmq5), this binding and NetMQ, sync and async, then the draft API's programs (CLIENT/SERVER vs DEALER/ROUTER, a shared CLIENT vs one per thread); --quick for a shorter run, --draft-only for just the draft part, --async-only for the binding's sync, async and inline-completion async programs (async.md), --native-only for just the C programs on the bundled libzmq (shared and static) and on the OS's libzmq5 (libzmq.md: which libzmq, issue #27), --default-malloc to run every program with glibc's own heap trimming, into files of their own (*-default-malloc.*; bench/Runner/MallocSetting.cs says why the threshold is raised otherwise), --repetitions=N for more interleaved repetitions than the default 5 (3 with --quick). Writes bench/results/latest.{json,md}, draft.md and throughput.svg.")
    .IsDependentOn("Native")
    .Does(() =>
{
    if (!IsRunningOnWindows())
    {
        Run("bash", "native/install-libzmq.sh --dev");
    }
    // The C baseline links the same bundled libzmq the binding loads; a second build of the same
    // programs links the OS's libzmq5, so the run also measures the bundled runtime against the
    // distribution's ("which libzmq", issue #27).
    Run("make", $"-s -C bench/native OUT=bin ZMQ_DIR={MakeAbsolute(Directory("artifacts/native/linux-x64")).FullPath}");
    // And a third with the bundled static archive linked in: the archive is shipped too (issue #27
    // asks for every form we build), and its code runs without the shared library's PLT.
    var nativeSystem = IsRunningOnWindows() ? "" : " --native-system bench/native/bin-system --native-static bench/native/bin-static";
    if (!IsRunningOnWindows())
    {
        Run("make", "-s -C bench/native OUT=bin-system");
        Run("make", $"-s -C bench/native OUT=bin-static ZMQ_STATIC={MakeAbsolute(File("artifacts/native/linux-x64/libzmq.a")).FullPath}");
    }
    foreach (var project in new[] { "bench/Zmq.Perf", "bench/NetMQ.Perf", "bench/Runner" })
    {
        DotNetBuild(project, new DotNetBuildSettings { Configuration = "Release" });
    }
    var release = "bin/Release/net10.0";
    Run("dotnet", $"bench/Runner/{release}/bench-runner.dll --native bench/native/bin{nativeSystem} --binding bench/Zmq.Perf/{release}/zmq-perf.dll --netmq bench/NetMQ.Perf/{release}/netmq-perf.dll --out bench/results"
        + (HasArgument("quick") ? " --quick" : "") + (HasArgument("draft-only") ? " --draft-only" : "") + (HasArgument("async-only") ? " --async-only" : "")
        + (HasArgument("native-only") ? " --native-only" : "") + (HasArgument("default-malloc") ? " --default-malloc" : "")
        + benchRepetitions);
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

Task("FlakeHunt")
    .Description("Runs the main suite (or --filter=<xunit filter>) --runs=<n> times (default 5) in --configuration (default Release, on its library as in Test), or with --side-by-side in Debug and Release at once as Test runs them, with a CPU hog on one core for every other run (--hog=none|half|all, default half); prints every test that failed at least once with its count. For hunting flakes, not part of Test.")
    .IsDependentOn("Native")
    .IsDependentOn("SystemLibzmq")
    .Does(() =>
{
    bool sideBySide = HasArgument("side-by-side");
    if (sideBySide && configurationArgument != null) throw new Exception("--side-by-side runs Debug and Release (as Test does); leave out --configuration");
    var configurations = sideBySide ? new[] { "Debug", "Release" } : new[] { configurationArgument ?? "Release" };
    int runs = Argument("runs", 5);
    string hog = Argument("hog", "half");
    if (hog != "none" && hog != "half" && hog != "all") throw new Exception($"--hog={hog}: expected none, half or all");
    foreach (var configuration in configurations)
    {
        DotNetBuild("tests/Zmq.Tests", new DotNetBuildSettings { Configuration = configuration });
    }
    var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
    int clean = 0;
    for (int run = 1; run <= runs; run++)
    {
        bool hogged = hog == "all" || (hog == "half" && run % 2 == 0);
        int failedInRun = 0;
        // The hog: one busy shell pinned to CPU 0, ended by its PID when the run is over.
        System.Diagnostics.Process busy = hogged
            ? System.Diagnostics.Process.Start("taskset", "-c 0 sh -c \"while :; do :; done\"")
            : null;
        try
        {
            var resultsOf = configurations.ToDictionary(c => c, c => (DirectoryPath)MakeAbsolute(artifacts + Directory("flake-hunt") + Directory($"run-{run}") + Directory(c)));
            RunSideBySide(configurations.Select(configuration => (Action)(() =>
            {
                var result = RunTestSuiteInto(configuration, resultsOf[configuration], consoleLog: false);
                var failed = result.FailedTests.Select(name => sideBySide ? $"{configuration}: {name}" : name).ToList();
                if (!result.WroteResults) failed.Add($"{configuration}: (the run wrote no results)");
                // A run that failed without a failed test: the test host crashed or the hang watchdog killed it.
                else if (result.ExitCode != 0 && failed.Count == 0) failed.Add($"{configuration}: (the run ended with exit code {result.ExitCode} but no failed test: the test host crashed or hung)");
                foreach (var name in failed) failures.AddOrUpdate(name, 1, (_, count) => count + 1);
                System.Threading.Interlocked.Add(ref failedInRun, failed.Count);
            })));
        }
        finally
        {
            if (busy != null) { busy.Kill(); busy.WaitForExit(); }
        }
        if (failedInRun == 0) clean++;
        Console.WriteLine($"flake hunt run {run}/{runs}{(hogged ? " (CPU hog on core 0)" : "")}: {failedInRun} failed");
    }
    Console.WriteLine();
    Console.WriteLine($"Flake hunt: {clean} of {runs} runs clean ({string.Join(" + ", configurations)}{(sideBySide ? " side by side" : "")}, filter '{testFilter ?? "all"}', hog {hog})");
    foreach (var pair in failures.OrderByDescending(p => p.Value)) Console.WriteLine($"  {pair.Value}/{runs}  {pair.Key}");
    if (!failures.IsEmpty) throw new Exception($"{failures.Count} tests failed at least once");
});

Task("Default").IsDependentOn("Test");

RunTarget(target);
