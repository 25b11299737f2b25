// Runs the perf matrix (tcp and inproc; 1, 64, 1024, 65536 bytes; throughput and latency) for the
// native C baseline, this binding and NetMQ, interleaved so machine noise hits all three alike,
// and writes bench/results/latest.{json,md} and throughput.svg.
// Then the draft API's programs on this binding (DraftBench); --draft-only runs just those.
// --native-system <dir>: the same C programs linked to the OS's libzmq5 join the matrix ("which
// libzmq": the bundled build ÷ the distribution's); --native-static <dir>: the same programs with the
// bundled libzmq.a linked in join it too; --native-only runs just the C columns.
// --async-only: the binding's sync, async and async-with-inline-completions programs (async.md).
//   bench-runner --native <dir> [--native-system <dir>] [--native-static <dir>] --binding <zmq-perf.dll> --netmq <netmq-perf.dll> --out <dir> [--quick] [--draft-only] [--native-only] [--async-only] [--default-malloc] [--repetitions n]
using Zmq.Bench.Runner;

var options = RunnerOptions.Parse(args);
var results = options.DraftOnly ? [] : new BenchMatrix(options).Run();
var draft = options.NativeOnly || options.AsyncOnly ? [] : new DraftBench(options).Run();
ResultWriter.Write(options, results, draft);
return results.Any(r => r.Failures > 0) || draft.Any(r => r.Failures > 0) ? 1 : 0;
