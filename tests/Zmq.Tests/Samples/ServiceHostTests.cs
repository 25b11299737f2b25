using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Zmq.Samples.Harness;
using Zmq.Tests.Support;

namespace Zmq.Tests.Samples;

/// <summary>
/// The service sample (samples/ServiceHost) end to end: pyzmq clients drive it, a real Prometheus
/// (Debian's, installed by build/prometheus/setup.sh) scrapes its metrics endpoint, and its HTTP API
/// must report what the clients did; a trace crosses two processes in the envelope frame.
/// </summary>
public class ServiceHostTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [LinuxFact]
    public void Prometheus_scraping_the_sample_sees_the_clients_messages_connections_and_a_failed_handshake() => Watchdog.Run(TimeSpan.FromMinutes(3), () =>
    {
        string prometheus = FindPrometheus();
        using ZmqCurveKeyPair server = ZmqCurve.GenerateKeyPair();
        using ZmqCurveKeyPair stranger = ZmqCurve.GenerateKeyPair();
        Span<char> secret = stackalloc char[40];
        server.SecretKey.WriteZ85(secret);
        using PeerProcess service = PeerProcess.StartSample("servicehost", "serve",
            ["--Zmq:Sockets:frontend:CurveServer=true", $"--Zmq:Sockets:frontend:CurveSecretKey={new string(secret)}"], "servicehost");
        service.WaitForLine(l => l == "ready", Deadline);
        string frontend = service.Lines.First(l => l.StartsWith("frontend ", StringComparison.Ordinal))["frontend ".Length..];
        var metrics = new Uri(service.Lines.First(l => l.StartsWith("metrics ", StringComparison.Ordinal))["metrics ".Length..]);

        const int Requests = 25;
        string script = Path.Combine(Repository.Root, "tests", "python", "servicehost.py");
        foreach (int _ in new[] { 1, 2 })
        {
            using PeerProcess client = PeerProcess.StartPython(script, "client", [$"--connect={frontend}", $"--server-key={server.PublicKey}", $"--count={Requests}"]);
            Peers.AssertPrinted(client, $"ok {Requests}", 1);
        }
        using (PeerProcess wrong = PeerProcess.StartPython(script, "client", [$"--connect={frontend}", $"--server-key={stranger.PublicKey}", "--timeout=2000"]))
        {
            Peers.AssertPrinted(wrong, "no reply", 1);
        }

        string data = Directory.CreateTempSubdirectory("zmq-prometheus-").FullName;
        int apiPort = FreePort();
        File.WriteAllText(Path.Combine(data, "prometheus.yml"),
            $"global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: servicehost\n    static_configs:\n      - targets: ['{metrics.Host}:{metrics.Port}']\n");
        var start = new ProcessStartInfo(prometheus) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { $"--config.file={Path.Combine(data, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(data, "tsdb")}", $"--web.listen-address=127.0.0.1:{apiPort}" })
        {
            start.ArgumentList.Add(arg);
        }
        using Process server2 = Process.Start(start)!;
        server2.OutputDataReceived += (_, _) => { };
        server2.ErrorDataReceived += (_, _) => { };
        server2.BeginOutputReadLine();
        server2.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/"), Timeout = TimeSpan.FromSeconds(5) };
            // Each REQ request arrives at the ROUTER as 4 frames (routing id, delimiter, envelope, text)
            // and each reply leaves as 3 (routing id, delimiter, answer).
            WaitForValue(http, "sum(zeromq_client_received_frames_total{zeromq_socket_name=\"frontend\"})", v => v == 2 * Requests * 4);
            WaitForValue(http, "sum(zeromq_client_sent_frames_total{zeromq_socket_name=\"frontend\"})", v => v == 2 * Requests * 3);
            // The client with the wrong server key reconnects after each refused handshake, so it made
            // one or more connections; the two good clients one each. Every connection the service
            // accepted is then either one of the two good ones or a failed handshake, and all ended.
            const string Frontend = "{zeromq_socket_name=\"frontend\"}";
            WaitForValue(http, $"sum(zeromq_connections_accepted_total{Frontend})", v => v >= 3);
            WaitForValue(http, $"sum(zeromq_handshake_failures_total{Frontend})", v => v >= 1);
            WaitForValue(http, $"sum(zeromq_connections_accepted_total{Frontend}) - sum(zeromq_handshake_failures_total{Frontend})", v => v == 2);
            WaitForValue(http, $"sum(zeromq_connections_accepted_total{Frontend}) - sum(zeromq_connections_closed_total{Frontend})", v => v == 0);
            WaitForValue(http, $"sum(zeromq_connections_active{Frontend})", v => v == 0);
        }
        finally
        {
            server2.Kill();
            server2.WaitForExit(10_000);
            service.Terminate();
            service.WaitForExit(Deadline);
            Directory.Delete(data, recursive: true);
        }
    });

    [Fact]
    public void A_trace_started_here_continues_in_the_service_and_in_its_backend_process() => Watchdog.Run(TimeSpan.FromMinutes(2), () =>
    {
        using PeerProcess backend = PeerProcess.StartSample("servicehost", "backend", [], "backend");
        backend.WaitForLine(l => l == "ready", Deadline);
        string backendEndpoint = backend.Lines.First(l => l.StartsWith("backend ", StringComparison.Ordinal))["backend ".Length..];
        using PeerProcess service = PeerProcess.StartSample("servicehost", "serve", [$"--backend={backendEndpoint}"], "servicehost");
        service.WaitForLine(l => l == "ready", Deadline);
        string frontend = service.Lines.First(l => l.StartsWith("frontend ", StringComparison.Ordinal))["frontend ".Length..];

        ActivityTraceId traceId = ActivityTraceId.CreateRandom();
        var origin = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using var context = new ZmqContext();
        using ZmqSocket client = context.CreateSocket(ZmqSocketType.Dealer);
        client.ReceiveTimeout = Deadline;
        client.Connect(frontend);
        client.SendMultipart([ZmqTraceContext.Inject(origin), "traced"u8.ToArray()]);
        Assert.Equal("TRACED", System.Text.Encoding.UTF8.GetString(client.ReceiveMultipart()[^1]));

        string id = traceId.ToHexString();
        service.WaitForLine(l => l == $"span {id} handle request", Deadline);
        backend.WaitForLine(l => l.StartsWith($"span {id} ", StringComparison.Ordinal) && l.EndsWith(" answer", StringComparison.Ordinal), Deadline);
        service.Terminate();
        backend.Terminate();
        Peers.AssertExitedZero(service); // exit 0 after SIGTERM, or a failure showing what it printed
        Peers.AssertExitedZero(backend);
    });

    private static void WaitForValue(HttpClient http, string query, Func<double, bool> expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        string last = "nothing";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                string json = http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query)).GetAwaiter().GetResult();
                using JsonDocument document = JsonDocument.Parse(json);
                JsonElement result = document.RootElement.GetProperty("data").GetProperty("result");
                last = json;
                if (result.GetArrayLength() > 0)
                {
                    double value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                    if (expected(value))
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // Prometheus still starting.
            }
            Thread.Sleep(250); // Poll interval of a loop bounded by the deadline: scrapes happen every second.
        }
        throw new TimeoutException($"{query}: expected value not reached; last answer {last}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string FindPrometheus()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/bin"))
        {
            string candidate = Path.Combine(directory, "prometheus");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("prometheus is not installed: run build/prometheus/setup.sh (the Test target does)");
    }
}
