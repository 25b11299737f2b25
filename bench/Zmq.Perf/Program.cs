// libzmq's perf programs written with this binding: zmq-perf <program> <args>; the draft API's
// programs as zmq-perf draft <program> <size> <count>; --async the same programs awaited, --buffers
// the blocking ones through reused buffers (as the async ones send and receive).
using Zmq.Bench;

return args.Length > 0 && args[0] == "draft"
    ? DraftPerfPrograms.Run(args[1..])
    : args.Length > 0 && args[0] == "--buffers"
        ? PerfReport.Run(args[1..], new BindingBufferPerfPrograms(), new BindingAsyncPerfPrograms())
        : PerfReport.Run(args, new BindingPerfPrograms(), new BindingAsyncPerfPrograms());
