using System.Globalization;
using Zmq;
using Zmq.Samples;

/// <summary>The Guide's weather feed (wuserver/wuclient) and pub-sub envelopes (psenvpub/psenvsub).</summary>
internal static class PublishSubscribeExamples
{
    public static void WeatherServer(SampleSession session)
    {
        using ZmqSocket publisher = session.CreateSocket(ZmqSocketType.Pub);
        session.BindAndAnnounce(publisher, "tcp://*:5556");
        var random = new Random();
        // The Guide draws zip codes from 0–99999; a short run draws from ten so a client's filter matches soon.
        for (long sent = 0; session.KeepGoing(sent); sent++)
        {
            int zipcode = random.Next(10000, 10010);
            int temperature = random.Next(-80, 135);
            int humidity = random.Next(10, 60);
            publisher.SendString(string.Create(CultureInfo.InvariantCulture, $"{zipcode:D5} {temperature} {humidity}"));
            if (sent % 1000 == 999)
            {
                // A breather per thousand updates (--interval, 1 ms by default), so a feed nobody
                // bounded does not take a whole core.
                Thread.Sleep(session.Options.Milliseconds("interval") ?? TimeSpan.FromMilliseconds(1));
            }
        }
    }

    public static void WeatherClient(SampleSession session)
    {
        using ZmqSocket subscriber = session.CreateSocket(ZmqSocketType.Sub);
        session.Connect(subscriber, "connect", "tcp://localhost:5556");
        string zipcode = session.Options.Get("zipcode", "10001");
        subscriber.Subscribe(zipcode + " ");
        long count = session.Count ?? 100;
        long total = 0;
        for (long n = 0; n < count; n++)
        {
            string[] fields = session.Receive(subscriber).Split(' ');
            total += int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        SampleSession.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Average temperature for zipcode '{zipcode}' was {(double)total / count:F1}F"));
    }

    public static void EnvelopePublisher(SampleSession session)
    {
        using ZmqSocket publisher = session.CreateSocket(ZmqSocketType.Pub);
        session.BindAndAnnounce(publisher, "tcp://*:5563");
        for (long sent = 0; session.KeepGoing(sent); sent++)
        {
            // Two messages, each with an envelope (the topic frame) and content.
            publisher.SendMultipart("A", "We don't want to see this");
            publisher.SendMultipart("B", "We would like to see this");
            session.Pause();
        }
    }

    public static void EnvelopeSubscriber(SampleSession session)
    {
        using ZmqSocket subscriber = session.CreateSocket(ZmqSocketType.Sub);
        session.Connect(subscriber, "connect", "tcp://localhost:5563");
        subscriber.Subscribe("B");
        var frames = new List<string>();
        for (long received = 0; session.KeepGoing(received); received++)
        {
            if (!subscriber.TryReceiveMultipartStrings(frames))
            {
                throw new SampleTimeoutException($"nothing arrived within {session.Timeout?.TotalMilliseconds} ms (--timeout)");
            }
            SampleSession.WriteLine($"[{frames[0]}] {frames[1]}");
        }
    }
}
