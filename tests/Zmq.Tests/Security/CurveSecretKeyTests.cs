using System.Runtime.CompilerServices;

namespace Zmq.Tests.Security;

/// <summary>CURVE secret keys stay in memory the binding wipes, and never turn into text by accident.</summary>
public class CurveSecretKeyTests
{
    [Fact]
    public void Dispose_wipes_the_key_and_later_use_is_ObjectDisposedException()
    {
        var pair = ZmqCurve.GenerateKeyPair();
        byte[] buffer = pair.SecretKey.BufferForTests;
        Assert.Contains(buffer, b => b != 0);
        pair.Dispose();
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.True(pair.SecretKey.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => pair.SecretKey.DerivePublicKey());
        Assert.Throws<ObjectDisposedException>(() => pair.SecretKey.CopyTo(new byte[32]));
        using var context = new ZmqContext();
        using var socket = context.CreateSocket(ZmqSocketType.Dealer);
        Assert.Throws<ObjectDisposedException>(() => socket.MakeCurveServer(pair));
        pair.Dispose(); // idempotent
    }

    [Fact]
    public void A_key_never_disposed_is_wiped_by_its_finalizer()
    {
        byte[] buffer = CreateAndDrop();
        for (int i = 0; i < 10 && buffer.Any(b => b != 0); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    // The key is checked while it is still reachable: once this returns, a collection that another
    // test's allocations start can run its finalizer at any moment, and a check made after the
    // return found the buffer wiped already (a CI run under qemu, where collections are slow).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] CreateAndDrop()
    {
        byte[] key = new byte[32];
        Random.Shared.NextBytes(key);
        key[0] |= 1; // never all zeros
        ZmqCurveSecretKey secret = ZmqCurveSecretKey.FromBytes(key);
        byte[] buffer = secret.BufferForTests;
        Assert.Equal(key, buffer);
        GC.KeepAlive(secret);
        return buffer;
    }

    [Fact]
    public void The_key_lives_in_a_buffer_the_collector_never_moves()
    {
        using var secret = ZmqCurveSecretKey.FromBytes(new byte[32]);
        // A fresh ordinary array is in generation 0; the pinned object heap reports the oldest one.
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(secret.BufferForTests));
    }

    [Fact]
    public void Bad_Z85_input_is_a_FormatException_that_does_not_repeat_the_text()
    {
        string almost = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf#"[..39] + "~"; // '~' is not Z85
        var error = Assert.Throws<FormatException>(() => ZmqCurveSecretKey.FromZ85(almost));
        Assert.DoesNotContain(almost[..10], error.Message, StringComparison.Ordinal);
        Assert.Contains("position 39", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ZmqCurveSecretKey.FromZ85("too short"));
    }

    [Fact]
    public void Z85_text_written_by_the_key_reads_back_as_the_same_key()
    {
        using var pair = ZmqCurve.GenerateKeyPair();
        char[] text = new char[40];
        pair.SecretKey.WriteZ85(text);
        using var again = ZmqCurveSecretKey.FromZ85(text);
        Assert.Equal(pair.PublicKey, again.DerivePublicKey());
        Array.Clear(text);
        Assert.Equal("ZmqCurveSecretKey (hidden)", again.ToString());
    }
}
