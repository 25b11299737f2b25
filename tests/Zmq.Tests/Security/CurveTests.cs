using Zmq.Tests.Support;

namespace Zmq.Tests.Security;

public class CurveTests
{
    [Fact]
    public void Z85_round_trips_and_matches_the_spec_test_vector()
    {
        // The test vector of ZeroMQ RFC 32 (Z85).
        byte[] data = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];
        Assert.Equal("HelloWorld", Z85.Encode(data));
        Assert.Equal(data, Z85.Decode("HelloWorld"));
        Assert.Equal(4, Z85.Decode("Hello").Length);
        Assert.Equal(string.Empty, Z85.Encode([]));
        Assert.Empty(Z85.Decode(string.Empty));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(33)]
    public void Z85_encode_rejects_lengths_not_a_multiple_of_4(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => Z85.Encode(new byte[length]));
        Assert.Contains($"{length} bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hell")]    // 4 characters
    [InlineData("Hello W")] // 7 characters
    [InlineData("Hel~o")]   // '~' is not in the alphabet
    [InlineData("Hel o")]   // nor is a space
    public void Z85_decode_rejects_bad_lengths_and_characters_never_returning_an_empty_key(string text)
    {
        var error = Assert.Throws<FormatException>(() => Z85.Decode(text));
        Assert.True(error.Message.Contains("characters", StringComparison.Ordinal) || error.Message.Contains("position", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Z85_decode_of_null_is_ArgumentNullException() => Assert.Throws<ArgumentNullException>(() => Z85.Decode(null!));

    [Fact]
    public void Generated_key_pairs_are_distinct_40_character_keys_and_derive_their_public_key()
    {
        using var first = ZmqCurve.GenerateKeyPair();
        using var second = ZmqCurve.GenerateKeyPair();
        Assert.NotEqual(first.PublicKey, second.PublicKey);
        Assert.Equal(40, first.PublicKey.Length);
        Assert.Equal(32, first.PublicKeyBytes.Length);
        Assert.Equal(first.PublicKey, first.SecretKey.DerivePublicKey());
        Span<char> z85 = stackalloc char[40];
        first.SecretKey.WriteZ85(z85);
        Assert.DoesNotContain(z85.ToString(), first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(z85.ToString(), first.SecretKey.ToString(), StringComparison.Ordinal);
        using (var again = ZmqCurveSecretKey.FromZ85(z85))
        {
            Assert.Equal(first.PublicKey, again.DerivePublicKey());
        }
    }

    [Fact]
    public void Curve_encrypted_request_reply_works_with_the_right_server_key() => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Rep);
        using var client = context.CreateBounded(ZmqSocketType.Req);
        server.MakeCurveServer(serverKeys);
        client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), serverKeys.PublicKey);
        Assert.Equal(ZmqSecurityMechanism.Curve, server.Mechanism);
        Assert.Equal(ZmqSecurityMechanism.Curve, client.Mechanism);
        client.Connect(server.BindAny("tcp"));
        client.SendString("secret question");
        Assert.Equal("secret question", server.ReceiveString());
        server.SendString("secret answer");
        Assert.Equal("secret answer", client.ReceiveString());
    });

    [Fact]
    public void A_client_with_the_wrong_server_key_gets_no_traffic_through() => Watchdog.Run(() =>
    {
        var serverKeys = ZmqCurve.GenerateKeyPair();
        using var context = new ZmqContext();
        using var server = context.CreateBounded(ZmqSocketType.Pull);
        using var client = context.CreateBounded(ZmqSocketType.Push);
        server.MakeCurveServer(serverKeys);
        client.MakeCurveClient(ZmqCurve.GenerateKeyPair(), ZmqCurve.GenerateKeyPair().PublicKey);
        client.Connect(server.BindAny("tcp"));
        client.SendTimeout = TimeSpan.FromMilliseconds(200);
        client.TrySendString("must not arrive");
        server.ReceiveTimeout = TimeSpan.FromMilliseconds(1000);
        Assert.False(server.TryReceiveString(out _));
    });
}
