using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zmq.Hosting;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hosting;

public class HostingConfigurationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Configured_socket_gets_every_option_by_name_and_answers_as_a_keyed_service() => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:frontend:Type"] = "Router",
            ["Zmq:Sockets:frontend:Bind:0"] = "tcp://127.0.0.1:*",
            ["Zmq:Sockets:frontend:SendHighWatermark"] = "123",
            ["Zmq:Sockets:frontend:receivetimeout"] = "1500ms",
            ["Zmq:Sockets:frontend:Linger"] = "00:00:00.250",
            ["Zmq:Sockets:frontend:RoutingId"] = "front",
            ["Zmq:Sockets:frontend:RouterMandatory"] = "true",
            ["Zmq:Sockets:frontend:Immediate"] = "true",
            ["Zmq:Sockets:frontend:MaxMessageSize"] = "65536",
        };
        using IHost host = TestHosts.Build(settings);
        host.Start();
        ZmqSocket frontend = host.Services.GetRequiredKeyedService<ZmqSocket>("frontend");
        var factory = host.Services.GetRequiredService<IZmqSocketFactory>();
        Assert.Same(frontend, factory.Get("FRONTEND"));
        Assert.Same(factory.Context, host.Services.GetRequiredService<ZmqContext>());
        Assert.Equal(123, frontend.SendHighWatermark);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), frontend.ReceiveTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), frontend.Linger);
        Assert.Equal("front"u8.ToArray(), frontend.RoutingId);
        Assert.True(frontend.Immediate);
        Assert.Equal(65536, frontend.MaxMessageSize);

        using var client = factory.Context.CreateSocket(ZmqSocketType.Dealer);
        client.ReceiveTimeout = Timeout;
        client.Connect(frontend.LastEndpoint);
        client.SendString("ping");
        List<byte[]> request = frontend.ReceiveMultipart();
        Assert.Equal("ping", System.Text.Encoding.UTF8.GetString(request[1]));
        frontend.Send(request[0], ZmqSendFlags.SendMore);
        frontend.SendString("pong");
        Assert.Equal("pong", client.ReceiveString());
        client.Dispose();
        host.StopAsync().GetAwaiter().GetResult();
        Assert.True(frontend.IsDisposed);
    });

    [Fact]
    public void Create_hands_out_a_new_caller_owned_socket_with_the_same_settings() => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:worker:Type"] = "dealer",
            ["Zmq:Sockets:worker:Connect"] = "inproc://hosting-create-test",
            ["Zmq:Sockets:worker:SendHighWatermark"] = "7",
        };
        using IHost host = TestHosts.Build(settings);
        host.Start();
        var factory = host.Services.GetRequiredService<IZmqSocketFactory>();
        using ZmqSocket mine = factory.Create("worker");
        Assert.NotSame(factory.Get("worker"), mine);
        Assert.Equal(7, mine.SendHighWatermark);
        Assert.Throws<KeyNotFoundException>(() => factory.Create("nope"));
        mine.Dispose();
        host.StopAsync().GetAwaiter().GetResult();
    });

    [Theory]
    [InlineData("SendHighWatermak", "10", "Zmq:Sockets:b:SendHighWatermak", "unknown socket option")]
    [InlineData("SendHighWatermark", "ten", "Zmq:Sockets:b:SendHighWatermark", "whole number")]
    [InlineData("SendHighWatermark", "-5", "Zmq:Sockets:b:SendHighWatermark", "at least 0")]
    [InlineData("Bind:0", "tcp://127.0.0.1:99999", "Zmq:Sockets:b:Bind:0", "99999")]
    [InlineData("Connect:0", "nonsense", "Zmq:Sockets:b:Connect:0", "nonsense")]
    [InlineData("CurveServerKey", "tooshort", "Zmq:Sockets:b:CurveServerKey", "40 Z85 characters")]
    [InlineData("Type", "Routr", "Zmq:Sockets:b:Type", "unknown socket type")]
    [InlineData("ReceiveTimeout", "5", "Zmq:Sockets:b:ReceiveTimeout", "duration")]
    public void Bad_configuration_fails_the_start_naming_the_key_and_value_and_leaves_nothing_open(string setting, string value, string key, string reason) => Watchdog.Run(() =>
    {
        // "a" sorts first, so it is created (and binds a fixed port) before "b" fails: after the
        // failure that port must be free again, which proves the half-started socket was closed.
        string endpoint;
        using (var probe = new ZmqContext())
        {
            endpoint = Endpoints.ReleasedTcpEndpoint(probe);
        }
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:a:Type"] = "Pub",
            ["Zmq:Sockets:a:Bind"] = endpoint,
            ["Zmq:Sockets:b:Type"] = "Router",
            [$"Zmq:Sockets:b:{setting}"] = value,
        };
        using IHost host = TestHosts.Build(settings);
        var error = Assert.Throws<ZmqConfigurationException>(() => host.Start());
        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);

        using var context = new ZmqContext();
        using var rebind = context.CreateSocket(ZmqSocketType.Pub);
        rebind.BindReleased(endpoint);
    });

    [Theory]
    [InlineData("this-is-not-a-z85-key-but-secret-anyway!!")] // the wrong length
    [InlineData("JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{L 6")] // 40 characters, one outside Z85: failed with a raw FormatException before
    public void A_secret_key_in_error_is_never_echoed(string secret) => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:s:Type"] = "Router",
            ["Zmq:Sockets:s:CurveSecretKey"] = secret,
        };
        using IHost host = TestHosts.Build(settings);
        var error = Assert.Throws<ZmqConfigurationException>(() => host.Start());
        Assert.Equal("Zmq:Sockets:s:CurveSecretKey", error.Key);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.Value);
    });

    [Fact]
    public void Curve_keys_from_files_secure_a_configured_pair_of_sockets() => Watchdog.Run(() =>
    {
        using ZmqCurveKeyPair server = ZmqCurve.GenerateKeyPair();
        string directory = Directory.CreateTempSubdirectory("zmq-hosting-keys-").FullName;
        try
        {
            Span<char> z85 = stackalloc char[40];
            server.SecretKey.WriteZ85(z85);
            File.WriteAllText(Path.Combine(directory, "server.key_secret"), new string(z85) + "\n");
            File.WriteAllText(Path.Combine(directory, "server.key"), server.PublicKey + "\n");
            using ZmqCurveKeyPair client = ZmqCurve.GenerateKeyPair();
            client.SecretKey.WriteZ85(z85);
            var settings = new Dictionary<string, string?>
            {
                ["Zmq:Sockets:server:Type"] = "Rep",
                ["Zmq:Sockets:server:CurveServer"] = "true",
                ["Zmq:Sockets:server:CurveSecretKeyFile"] = Path.Combine(directory, "server.key_secret"),
                ["Zmq:Sockets:server:Bind:0"] = "inproc://hosting-curve",
                ["Zmq:Sockets:client:Type"] = "Req",
                ["Zmq:Sockets:client:CurveServerKeyFile"] = Path.Combine(directory, "server.key"),
                ["Zmq:Sockets:client:CurveSecretKey"] = new string(z85),
                ["Zmq:Sockets:client:Connect:0"] = "inproc://hosting-curve",
                ["Zmq:Sockets:client:ReceiveTimeout"] = "10s",
                ["Zmq:Sockets:server:ReceiveTimeout"] = "10s",
            };
            using IHost host = TestHosts.Build(settings);
            host.Start();
            var factory = host.Services.GetRequiredService<IZmqSocketFactory>();
            ZmqSocket req = factory.Get("client"), rep = factory.Get("server");
            Assert.Equal(ZmqSecurityMechanism.Curve, rep.Mechanism);
            Assert.Equal(client.PublicKey, Z85.Encode(req.CurvePublicKey)); // derived from the secret key
            req.SendString("hello");
            Assert.Equal("hello", rep.ReceiveString());
            rep.SendString("world");
            Assert.Equal("world", req.ReceiveString());
            host.StopAsync().GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    });

    [Fact]
    public void A_missing_key_file_names_the_key_and_the_path() => Watchdog.Run(() =>
    {
        string path = Path.Combine(Path.GetTempPath(), $"zmq-missing-{Guid.NewGuid():N}.key");
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Sockets:c:Type"] = "Dealer",
            ["Zmq:Sockets:c:CurveServerKeyFile"] = path,
        };
        using IHost host = TestHosts.Build(settings);
        var error = Assert.Throws<ZmqConfigurationException>(() => host.Start());
        Assert.Equal("Zmq:Sockets:c:CurveServerKeyFile", error.Key);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    });

    [Fact]
    public void Sockets_defined_in_code_and_context_settings_from_configuration() => Watchdog.Run(() =>
    {
        var settings = new Dictionary<string, string?>
        {
            ["Zmq:Context:IoThreads"] = "2",
            ["Zmq:Sockets:events:SendHighWatermark"] = "42",
        };
        string? bound = null;
        using IHost host = TestHosts.Build(settings, zmq: zmq => zmq.AddSocket("events", ZmqSocketType.Pub, socket =>
        {
            socket.Bind("inproc://hosting-code-socket");
            bound = "yes";
        }));
        host.Start();
        var factory = host.Services.GetRequiredService<IZmqSocketFactory>();
        Assert.Equal(2, factory.Context.IoThreads);
        Assert.Equal(42, factory.Get("events").SendHighWatermark);
        Assert.Equal("yes", bound);
        host.StopAsync().GetAwaiter().GetResult();
    });
}
