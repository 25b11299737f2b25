// Per-call cost of the binding against the raw native call, and of an awaited call against a blocking one, with allocations:
//   dotnet run -c Release --project bench/Micro -- --filter '*'
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Zmq.Bench.Micro.SendReceiveBenchmarks).Assembly).Run(args);
