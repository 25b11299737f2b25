// Child-process scenarios for the test suite: anything that could hang the finalizer thread, abort
// the process or needs process-wide state (signals, the library resolver) runs here, so a failure
// fails one test instead of killing or stalling the test runner.
using Zmq;
using Zmq.TestHost;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Zmq.TestHost <describe|eintr-retry|eintr-timeout|eintr-send|eintr-poll|eintr-thread-safe|linger-exit <default|infinite>|dispose-racing-calls <rounds>|multipart-cuts <cuts>|session-cleanup <rounds>|finalizer|refused-monitor-starts|dispose-context-first|exit-while-terminating <contexts>|exit-with-pooled-frames <frames>|large-frame-pool-switch|fuzz <seconds> <seed>|soak <seconds>|zero-copy-throwing-callback|async-races|outside-call <poll|proxy> <rounds>|concurrent-senders <dealer|push> <inproc|tcp>|concurrent-sync-use|message-copies|async-allocations [cancellable]|release-faults|inline-completions <inline|pool> <round trips>|spin-setting|send-wait-pool <queued|completion>|refused-while-ready <xpub-nodrop|router-mandatory|server|peer> <inproc|tcp>|stream-receive <bind> <heartbeat ms> <idle ms>|stream-send <connect> <heartbeat ms> <count>>");
    return 2;
}

// The test suite's ChildProcess counts a scenario's limit from this line (ChildProcess.ScenarioStartedLine),
// not from the process start, which an emulator under load can take tens of seconds to reach.
Console.Error.WriteLine("zmq-testhost: scenario started");
try
{
    switch (args[0])
    {
        case "describe":
            Console.WriteLine(ZmqLibrary.Describe());
            return 0;
        case "eintr-retry":
            return Scenarios.InterruptedReceiveIsRetried();
        case "eintr-timeout":
            return Scenarios.InterruptedReceiveKeepsItsTimeout();
        case "multipart-cuts":
            return Scenarios.MultipartMessagesAcrossConnectionCuts(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "session-cleanup":
            return SessionCleanupScenario.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "dispose-racing-calls":
            return Scenarios.DisposeRacingCalls(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "linger-exit":
            return Scenarios.ExitWithAnUndeliverableMessage(args[1]);
        case "eintr-send":
            return Scenarios.InterruptedSendIsRetried();
        case "eintr-poll":
            return Scenarios.InterruptedPollIsRetried();
        case "eintr-thread-safe":
            return Scenarios.InterruptedThreadSafeReceiveLeavesOtherCallersTimeouts();
        case "finalizer":
            return Scenarios.FinalizersNeverBlock();
        case "refused-monitor-starts":
            return Scenarios.RefusedMonitorStartsLeaveNoSocket();
        case "large-frame-pool-switch":
            return Scenarios.LargeFramePoolSwitchedOff();
        case "exit-with-pooled-frames":
            return Scenarios.ExitWithPooledFramesInFlight(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "exit-while-terminating":
            return Scenarios.ExitWhileContextsTerminate(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "dispose-context-first":
            return Scenarios.ContextDisposedBeforeItsSockets();
        case "zero-copy-throwing-callback":
            return Scenarios.ThrowingZeroCopyCallbackIsContained();
        case "stream-receive":
            return SequencedStream.Receive(args[1], Milliseconds(args[2]), Milliseconds(args[3]));
        case "stream-send":
            return SequencedStream.Send(args[1], Milliseconds(args[2]), long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        case "soak":
            return Soak.Run(TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)));
        case "async-races":
            return await AsyncRaceScenario.Run();
        case "draft-poller-lifetime":
            return DraftPollerLifetimeScenario.Run();
        case "thread-safe-async":
            return await ThreadSafeAsyncScenario.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        case "message-copies":
            return Scenarios.CopiedMessagesAreClosedOnce();
        case "release-faults":
            return await ReleaseFaultScenario.Run();
        case "refused-while-ready":
            return RefusedWhileReadyScenario.Run(args[1], args[2]);
        case "concurrent-senders":
            return ConcurrentSendersScenario.Run(args[1], args[2]);
        case "outside-call":
            return OutsideCallScenario.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        case "concurrent-sync-use":
            return ConcurrentUseScenario.Run();
        case "async-allocations":
            return await AsyncAllocations.Run(cancellable: args.Length > 1 && args[1] == "cancellable");
        case "spin-setting":
            return await SpinSettingScenario.Run();
        case "send-wait-pool":
            return await SendWaitPoolScenario.Run(args[1]);
        case "inline-completions":
            return await InlineCompletionScenario.Run(args[1] == "inline", int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        case "fuzz":
            return Fuzzer.Run(TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
                int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        default:
            Console.Error.WriteLine($"unknown scenario '{args[0]}'");
            return 2;
    }
}
catch (DllNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}

static TimeSpan Milliseconds(string text) => TimeSpan.FromMilliseconds(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
