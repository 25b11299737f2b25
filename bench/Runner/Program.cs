// Runs the perf matrix (tcp and inproc; 1, 64, 1024, 65536 bytes; throughput and latency) for the
// native C baseline, this binding and NetMQ, interleaved so machine noise hits all three alike,
// and writes bench/results/latest.{json,md} and throughput.svg.
//   bench-runner --native <dir> --binding <zmq-perf.dll> --netmq <netmq-perf.dll> --out <dir> [--quick] [--repetitions n]
using Zmq.Bench.Runner;

var options = RunnerOptions.Parse(args);
var matrix = new BenchMatrix(options);
var results = matrix.Run();
ResultWriter.Write(options, results);
return results.Any(r => r.Failures > 0) ? 1 : 0;
