// libzmq's perf programs written with this binding: zmq-perf <program> <args>.
using Zmq.Bench;

return PerfReport.Run(args, new BindingPerfPrograms(), new BindingAsyncPerfPrograms());
