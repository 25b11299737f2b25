// Runs the three classic demos end to end on loopback, each role as its own process, with bounded
// counts, printing every line prefixed by its role. Exits 0 only if every expected message arrived.
using Zmq.Samples.Demo;

var runner = new DemoRunner();
runner.RequestReply();
runner.PublishSubscribe();
runner.Pipeline();
return runner.Report();
