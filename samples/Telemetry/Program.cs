// A telemetry feed over UDP on the draft API's RADIO and DISH: the radio publishes readings to two
// groups, "temperature" and "load"; a dish joins the groups it wants and can leave one at run time
// (filtering happens in the dish, so nothing of a left group is delivered afterwards).
// Needs a libzmq with the draft API (the bundled Zmq.Native runtime has it).
//   telemetry run [--count=12] [--leave-after=6] [--interval=ms] [--timeout=ms]   (both ends in one process)
//   telemetry dish [--bind=udp://*:5557] [--groups=temperature,load] [--leave-after=n] [--count=n] [--timeout=ms]
//   telemetry radio [--connect=udp://127.0.0.1:5557] [--count=n] [--interval=ms]
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Zmq;
using Zmq.Samples;

return SampleHost.Run("telemetry", args,
    new SampleRole("run", ["count", "leave-after", "interval", "timeout"], RunBoth),
    new SampleRole("dish", ["bind", "groups", "leave-after", "count", "timeout"], Dish),
    new SampleRole("radio", ["connect", "count", "interval"], Radio));

static void RunBoth(SampleSession session)
{
    // udp has no "any port" wildcard in libzmq: ask the OS for a free port, then bind the dish to it.
    int port;
    using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
    {
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
    string endpoint = string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{port}");
    using ZmqSocket dish = session.CreateSocket(ZmqSocketType.Dish);
    dish.Bind(endpoint);
    using var stop = new CancellationTokenSource();
    Task radio = Task.Run(() => Publish(session, endpoint, stop.Token));
    try
    {
        Listen(session, dish, ["temperature", "load"]);
    }
    finally
    {
        stop.Cancel();
        radio.Wait();
    }
}

static void Dish(SampleSession session)
{
    using ZmqSocket dish = session.CreateSocket(ZmqSocketType.Dish);
    session.BindAndAnnounce(dish, "udp://*:5557");
    Listen(session, dish, session.Options.Get("groups", "temperature,load").Split(',', StringSplitOptions.RemoveEmptyEntries));
}

static void Radio(SampleSession session) =>
    Publish(session, session.Options.Get("connect", "udp://127.0.0.1:5557"), CancellationToken.None);

// Joins the groups, prints each reading as "<group> <value>", and after --leave-after readings
// leaves every group but the first.
static void Listen(SampleSession session, ZmqSocket dish, string[] groups)
{
    foreach (string group in groups)
    {
        dish.Join(group);
    }
    long leaveAfter = session.Options.PositiveNumber("leave-after") ?? long.MaxValue;
    Span<byte> buffer = stackalloc byte[64];
    for (long received = 0; session.KeepGoing(received); received++)
    {
        if (received == leaveAfter)
        {
            foreach (string group in groups.Skip(1))
            {
                dish.Leave(group);
                SampleSession.WriteLine($"left {group}");
            }
        }
        int length;
        string from;
        try
        {
            length = dish.Receive(buffer, out from);
        }
        catch (ZmqException e) when (e.Error == ZmqError.TryAgain)
        {
            throw new SampleTimeoutException($"no reading arrived within {session.Timeout?.TotalMilliseconds} ms (--timeout)");
        }
        SampleSession.WriteLine($"{from} {Encoding.UTF8.GetString(buffer[..length])}");
    }
}

// Alternates a temperature and a load reading every --interval (100 ms by default).
static void Publish(SampleSession session, string endpoint, CancellationToken stop)
{
    using ZmqSocket radio = session.Context.CreateSocket(ZmqSocketType.Radio);
    radio.Connect(endpoint);
    TimeSpan interval = session.Options.Milliseconds("interval") ?? TimeSpan.FromMilliseconds(100);
    var random = new Random(42);
    for (long sent = 0; !stop.IsCancellationRequested && (session.Count is null || sent < session.Count * 4); sent++)
    {
        string reading = sent % 2 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{20 + random.NextDouble() * 5:F1}C")
            : string.Create(CultureInfo.InvariantCulture, $"{random.NextDouble():F2}");
        radio.Send(Encoding.UTF8.GetBytes(reading), sent % 2 == 0 ? "temperature" : "load");
        stop.WaitHandle.WaitOne(interval);
    }
}
