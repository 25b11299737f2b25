using Zmq.Tests.Support;

namespace Zmq.Tests.Errors;

/// <summary>
/// IPC endpoints as Linux has them: UTF-8 paths round-trip through LastEndpoint, a named socket
/// file outlives its socket (libzmq 4.3 unlinks only wildcard ones), and binding over a leftover
/// file works, which is how a restarted service comes back (catalogue C15, C17).
/// </summary>
public class IpcEndpointTests
{
    [LinuxFact]
    public void A_utf8_ipc_path_round_trips_through_last_endpoint() => Watchdog.Run(() =>
    {
        string path = Path.Combine(Path.GetTempPath(), $"测试-{Environment.ProcessId}-{Guid.NewGuid():N}.ipc");
        try
        {
            using var context = new ZmqContext();
            using var server = context.CreateBounded(ZmqSocketType.Pair);
            server.Bind("ipc://" + path);
            Assert.Equal("ipc://" + path, server.LastEndpoint);
            using var client = context.CreateBounded(ZmqSocketType.Pair);
            client.Connect(server.LastEndpoint);
            client.SendString("你好");
            Assert.Equal("你好", server.ReceiveString());
        }
        finally
        {
            File.Delete(path);
        }
    });

    [LinuxFact]
    public void A_named_ipc_file_is_left_behind_and_a_later_bind_over_it_works() => Watchdog.Run(() =>
    {
        string path = Path.Combine(Path.GetTempPath(), $"zmq-left-{Environment.ProcessId}-{Guid.NewGuid():N}.ipc");
        try
        {
            using var context = new ZmqContext();
            using (var crashed = context.CreateBounded(ZmqSocketType.Pull))
            {
                crashed.Bind("ipc://" + path);
            }
            Assert.True(SpinWait.SpinUntil(() => File.Exists(path), TestSockets.Timeout));
            Thread.Sleep(200); // A window for the closed listener to remove the file: the assertion is that it does not.
            Assert.True(File.Exists(path), "libzmq 4.3 leaves a named ipc file behind after close");

            using var restarted = context.CreateBounded(ZmqSocketType.Pull);
            restarted.BindReleased("ipc://" + path);
            using var push = context.CreateBounded(ZmqSocketType.Push);
            push.Connect("ipc://" + path);
            push.SendString("after the restart");
            Assert.Equal("after the restart", restarted.ReceiveString());
        }
        finally
        {
            File.Delete(path);
        }
    });

    [LinuxFact]
    public void A_wildcard_ipc_endpoint_gets_a_fresh_path_that_works() => Watchdog.Run(() =>
    {
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pair);
        server.Bind("ipc://*");
        string endpoint = server.LastEndpoint;
        Assert.StartsWith("ipc://", endpoint, StringComparison.Ordinal);
        Assert.NotEqual("ipc://*", endpoint);
        using var client = context.CreateBounded(ZmqSocketType.Pair);
        client.Connect(endpoint);
        client.SendString("wildcard");
        Assert.Equal("wildcard", server.ReceiveString());
    });
}
