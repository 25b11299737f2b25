// Runs the three classic demos end to end on loopback, each role as its own process, with bounded
// counts, printing every line prefixed by its role. Exits 0 only if every expected message arrived.
//
//   Demo                                        every role on this machine (dotnet <sample>.dll)
//   Demo --platform=<rid> --published=<folder> --launcher <command...>
//       the samples published for <rid> (self-contained), started through <command> (an emulator
//       wrapper such as build/emulators/run win-x64), three times over: every role on <rid>; the
//       binding roles on <rid> and the connecting ones here; and the other way round. Peers of two
//       platforms talk over tcp, so a Windows publisher feeds a Linux subscriber, and so on.
using Zmq.Samples.Demo;
using Zmq.Samples.Harness;

if (args.Length == 0)
{
    var runner = new DemoRunner(SamplePlatform.Host, SamplePlatform.Host);
    runner.RunAll();
    return runner.Report();
}

string? rid = null, published = null;
var launcher = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    // --name=value, or the value as the next argument.
    string arg = args[i];
    string? inline = null;
    if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is int equals and > 0)
    {
        inline = arg[(equals + 1)..];
        arg = arg[..equals];
    }
    switch (arg)
    {
        case "--platform" when inline is not null || i + 1 < args.Length: rid = inline ?? args[++i]; break;
        case "--published" when inline is not null || i + 1 < args.Length: published = Path.GetFullPath(inline ?? args[++i]); break;
        case "--launcher" when inline is null:
            launcher.AddRange(args[(i + 1)..]);
            i = args.Length;
            break;
        default:
            Console.Error.WriteLine($"Demo: unexpected argument '{args[i]}'. Usage: Demo [--platform=<rid> --published=<folder> --launcher <command...>]");
            return 2;
    }
}
if (rid is null || published is null || !Directory.Exists(published))
{
    Console.Error.WriteLine($"Demo: --platform and --published (an existing folder) go together; got platform '{rid}', folder '{published}'.");
    return 2;
}
var emulated = new SamplePlatform(rid, published, launcher);
int failed = 0;
foreach (var (binders, connectors) in new[] { (emulated, emulated), (emulated, SamplePlatform.Host), (SamplePlatform.Host, emulated) })
{
    var runner = new DemoRunner(binders, connectors);
    runner.RunAll();
    failed += runner.Report();
}
return failed == 0 ? 0 : 1;
