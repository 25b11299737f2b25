// libzmq's perf programs written with NetMQ 4.0.4.5 (the managed alternative), through its Msg
// API, the fastest it offers: netmq-perf <program> <args>.
using NetMQ;
using Zmq.Bench;

try
{
    return PerfReport.Run(args, new NetMQPerfPrograms(), new NetMQAsyncPerfPrograms());
}
finally
{
    NetMQConfig.Cleanup(block: true);
}
