namespace Zmq.Samples;

/// <summary>Bad command-line arguments: printed as one line, exit code 1.</summary>
public sealed class SampleUsageException : Exception
{
    /// <summary>Creates the exception with the line to print.</summary>
    public SampleUsageException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SampleUsageException() : base("bad arguments")
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public SampleUsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
