namespace Zmq.Samples;

/// <summary>Nothing arrived within <c>--timeout</c>: printed as one line, exit code 2.</summary>
public sealed class SampleTimeoutException : Exception
{
    /// <summary>Creates the exception with the line to print.</summary>
    public SampleTimeoutException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SampleTimeoutException() : base("timed out")
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public SampleTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
