namespace Zmq.Tests.Messages;

/// <summary>
/// ZmqReceiveResult keeps both lengths in one field (the struct's remarks say why): what a user
/// reads, compares, deconstructs and prints must be what the two-field record gave.
/// </summary>
public sealed class ReceiveResultTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 10)]
    [InlineData(int.MaxValue, int.MaxValue)]
    [InlineData(-1, int.MinValue)]
    [InlineData(7, -1)]
    public void Both_lengths_read_back_as_given_in_every_bit(int bytesWritten, int frameLength)
    {
        var result = new ZmqReceiveResult(bytesWritten, frameLength);
        Assert.Equal(bytesWritten, result.BytesWritten);
        Assert.Equal(frameLength, result.FrameLength);
        Assert.Equal(frameLength > bytesWritten, result.Truncated);
        (int written, int length) = result;
        Assert.Equal((bytesWritten, frameLength), (written, length));
    }

    [Fact]
    public void A_with_expression_changes_one_length_and_keeps_the_other()
    {
        var result = new ZmqReceiveResult(4, 10);
        Assert.Equal(new ZmqReceiveResult(-1, 10), result with { BytesWritten = -1 });
        Assert.Equal(new ZmqReceiveResult(4, int.MinValue), result with { FrameLength = int.MinValue });
        Assert.Equal(new ZmqReceiveResult(4, 10), new ZmqReceiveResult { FrameLength = 10, BytesWritten = 4 });
    }

    [Fact]
    public void Equality_and_text_are_the_records_of_its_two_lengths()
    {
        Assert.Equal(new ZmqReceiveResult(4, 10), new ZmqReceiveResult(4, 10));
        Assert.NotEqual(new ZmqReceiveResult(4, 10), new ZmqReceiveResult(10, 4));
        Assert.True(new ZmqReceiveResult(1, 2) != new ZmqReceiveResult(1, 3));
        Assert.Equal(new ZmqReceiveResult(4, 10).GetHashCode(), new ZmqReceiveResult(4, 10).GetHashCode());
        Assert.Equal("ZmqReceiveResult { BytesWritten = 4, FrameLength = 10, Truncated = True }", new ZmqReceiveResult(4, 10).ToString());
        Assert.Equal(default, new ZmqReceiveResult(0, 0));
    }
}
