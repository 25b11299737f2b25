using System.Diagnostics;
using System.Text;

namespace Zmq.Samples.ServiceHost;

/// <summary>The request handler: upper-cases the text, in the backend process when there is one.</summary>
internal static class Handlers
{
    public const string SourceName = "ServiceHost";

    public static readonly ActivitySource Source = new(SourceName);

    public static byte[] Answer(byte[] request) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request).ToUpperInvariant());
}
