using System.Globalization;

namespace Zmq.Bench.Runner;

/// <summary>The runner's command line. <see cref="NativeSystemDirectory"/> holds the C programs
/// linked to the operating system's libzmq (Debian's libzmq5), beside <see cref="NativeDirectory"/>'s
/// on the bundled build: the "which libzmq" dimension, with <see cref="NativeStaticDirectory"/>'s (the
/// bundled static archive linked into the programs) when given. <see cref="NativeOnly"/> runs just
/// the C programs.</summary>
internal sealed record RunnerOptions(string NativeDirectory, string BindingDll, string NetMQDll, string OutputDirectory, bool Quick, int Repetitions, bool DraftOnly)
{
    public string? NativeSystemDirectory { get; init; }

    /// <summary>The C programs with the bundled libzmq.a linked in (bench/native/Makefile, ZMQ_STATIC), or null.</summary>
    public string? NativeStaticDirectory { get; init; }

    public bool NativeOnly { get; init; }

    /// <summary>Only the binding's sync, async and async-with-inline-completions programs: the async engine's cost.</summary>
    public bool AsyncOnly { get; init; }

    /// <summary>Runs every program with glibc's own heap trimming, and writes the results to files of their own (<see cref="MallocSetting"/>).</summary>
    public bool DefaultMalloc { get; init; }

    /// <summary>The allocator setting the programs run with.</summary>
    public MallocSetting Malloc => MallocSetting.For(DefaultMalloc);

    public static RunnerOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool quick = false, draftOnly = false, nativeOnly = false, asyncOnly = false, defaultMalloc = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
            }
            else if (args[i] == "--draft-only")
            {
                draftOnly = true;
            }
            else if (args[i] == "--native-only")
            {
                nativeOnly = true;
            }
            else if (args[i] == "--async-only")
            {
                asyncOnly = true;
            }
            else if (args[i] == "--default-malloc")
            {
                defaultMalloc = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }
        }
        string Required(string name) => values.TryGetValue(name, out string? v) ? v : throw new ArgumentException($"--{name} is required");
        int repetitions = quick ? 3 : 5;
        if (values.TryGetValue("repetitions", out string? r)
            && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out repetitions) || repetitions < 1))
        {
            throw new ArgumentException($"--repetitions must be a whole number of at least 1 (got '{r}')");
        }
        string? nativeSystem = values.GetValueOrDefault("native-system");
        if (values.ContainsKey("native-static") && nativeSystem is null)
        {
            // The static column is reported beside the OS's libzmq5, in the which-libzmq table.
            throw new ArgumentException("--native-static needs --native-system (the archive is compared with the OS's libzmq5)");
        }
        if (nativeOnly)
        {
            return new RunnerOptions(Required("native"), string.Empty, string.Empty, Required("out"), quick, repetitions, DraftOnly: false)
            {
                NativeSystemDirectory = Required("native-system"),
                NativeStaticDirectory = values.GetValueOrDefault("native-static"),
                NativeOnly = true,
                DefaultMalloc = defaultMalloc,
            };
        }
        if (asyncOnly)
        {
            return new RunnerOptions(string.Empty, Required("binding"), string.Empty, Required("out"), quick, repetitions, DraftOnly: false) { AsyncOnly = true, DefaultMalloc = defaultMalloc };
        }
        return draftOnly
            ? new RunnerOptions(string.Empty, Required("binding"), string.Empty, Required("out"), quick, repetitions, DraftOnly: true) { DefaultMalloc = defaultMalloc }
            : new RunnerOptions(Required("native"), Required("binding"), Required("netmq"), Required("out"), quick, repetitions, DraftOnly: false)
            {
                NativeSystemDirectory = nativeSystem,
                NativeStaticDirectory = values.GetValueOrDefault("native-static"),
                DefaultMalloc = defaultMalloc,
            };
    }
}
