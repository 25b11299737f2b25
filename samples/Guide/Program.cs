// Ten examples of the ZeroMQ Guide (zguide.zeromq.org), ported from their clrzmq4 C# versions to
// this binding, one subcommand each, with short counts so tests can run them end to end. Each
// prints what the Guide's version prints (and "bound <endpoint>" first where it binds).
//   guide hwserver [--bind=tcp://*:5555] [--count=n]            guide hwclient [--connect=tcp://localhost:5555] [--count=10]
//   guide wuserver [--bind=tcp://*:5556] [--count=n]            guide wuclient [--connect=tcp://localhost:5556] [--zipcode=10001] [--count=100]
//   guide tasksink [--bind=tcp://*:5558] [--count=100]          guide taskwork [--vent=...] [--sink=...]
//   guide taskvent [--bind=tcp://*:5557] [--sink=tcp://localhost:5558] [--count=100]
//   guide rrbroker [--frontend=tcp://*:5559] [--backend=tcp://*:5560] [--count=n]
//   guide rrworker [--connect=tcp://localhost:5560]             guide rrclient [--connect=tcp://localhost:5559] [--count=10]
//   guide msgqueue [--frontend=...] [--backend=...]             guide mtserver [--bind=tcp://*:5555] [--workers=5]
//   guide lpserver [--bind=tcp://*:5555] [--fail-after=n]       guide lpclient [--connect=tcp://localhost:5555] [--retries=3] [--timeout=ms]
//   guide identity                                             guide psenvpub [--bind=tcp://*:5563] / psenvsub [--connect=...]
//   guide asyncsrv [--clients=3] [--count=5]
using Zmq;
using Zmq.Samples;

return SampleHost.Run("guide", args,
    new SampleRole("hwserver", ["bind", "count", "timeout"], RequestReplyExamples.HelloWorldServer),
    new SampleRole("hwclient", ["connect", "count", "timeout"], RequestReplyExamples.HelloWorldClient),
    new SampleRole("wuserver", ["bind", "count", "interval"], PublishSubscribeExamples.WeatherServer),
    new SampleRole("wuclient", ["connect", "zipcode", "count", "timeout"], PublishSubscribeExamples.WeatherClient),
    new SampleRole("psenvpub", ["bind", "count", "interval"], PublishSubscribeExamples.EnvelopePublisher),
    new SampleRole("psenvsub", ["connect", "count", "timeout"], PublishSubscribeExamples.EnvelopeSubscriber),
    new SampleRole("taskvent", ["bind", "sink", "count", "interval"], PipelineExamples.Ventilator),
    new SampleRole("taskwork", ["vent", "sink", "count", "timeout"], PipelineExamples.Worker),
    new SampleRole("tasksink", ["bind", "count", "timeout"], PipelineExamples.Sink),
    new SampleRole("rrclient", ["connect", "count", "timeout"], BrokerExamples.Client),
    new SampleRole("rrworker", ["connect", "count", "timeout"], BrokerExamples.Worker),
    new SampleRole("rrbroker", ["frontend", "backend", "count", "timeout"], BrokerExamples.PollingBroker),
    new SampleRole("msgqueue", ["frontend", "backend", "timeout"], BrokerExamples.ProxyBroker),
    new SampleRole("mtserver", ["bind", "workers", "count", "timeout"], BrokerExamples.MultithreadedServer),
    new SampleRole("lpserver", ["bind", "fail-after", "count", "timeout"], ReliabilityExamples.LazyPirateServer),
    new SampleRole("lpclient", ["connect", "retries", "count", "timeout"], ReliabilityExamples.LazyPirateClient),
    new SampleRole("identity", [], RoutingExamples.Identity),
    new SampleRole("asyncsrv", ["clients", "count", "timeout"], RoutingExamples.AsyncServer));
