using System.Diagnostics;
using OpenTelemetry;

namespace Zmq.Samples.ServiceHost;

/// <summary>Prints every finished span as "span &lt;trace id&gt; &lt;name&gt;": the sample's trace output.</summary>
internal sealed class SpanPrinter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data) => Console.WriteLine($"span {data.TraceId.ToHexString()} {data.DisplayName}");
}
