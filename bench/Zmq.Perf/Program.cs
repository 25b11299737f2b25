// libzmq's perf programs written with this binding: zmq-perf <program> <args>; the draft API's
// programs as zmq-perf draft <program> <size> <count>.
using Zmq.Bench;

return args.Length > 0 && args[0] == "draft"
    ? DraftPerfPrograms.Run(args[1..])
    : PerfReport.Run(args, new BindingPerfPrograms(), new BindingAsyncPerfPrograms());
