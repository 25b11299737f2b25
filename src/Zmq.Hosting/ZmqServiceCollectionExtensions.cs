using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Zmq.Hosting;

/// <summary>Registers the ZeroMQ services in a host's <see cref="IServiceCollection"/>.</summary>
public static class ZmqServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="ZmqContext"/> for the host, the named sockets of the <c>Zmq:Sockets</c>
    /// configuration section (and of <paramref name="configure"/>) through <see cref="IZmqSocketFactory"/>
    /// and as keyed <see cref="ZmqSocket"/> services, and a hosted service that creates them at start
    /// (a configuration error fails the start, naming the key) and drains and closes them at stop.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Optional: sockets and settings in code.</param>
    /// <returns>The builder, for more configuration. Calling this again returns the same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>Register it before the hosted services that use the sockets: the host stops hosted
    /// services in reverse order, so theirs stop (and stop sending) before the sockets are drained.</remarks>
    public static ZmqBuilder AddZmq(this IServiceCollection services, Action<ZmqBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ZmqBuilder? builder = null;
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ZmqBuilder) && descriptor.ImplementationInstance is ZmqBuilder existing)
            {
                builder = existing;
                break;
            }
        }
        if (builder is null)
        {
            builder = new ZmqBuilder(services);
            services.AddSingleton(builder);
            services.AddSingleton<ZmqSocketRegistry>();
            services.AddSingleton<IZmqSocketFactory>(provider => provider.GetRequiredService<ZmqSocketRegistry>());
            // The context and the sockets belong to the registry (it drains and closes them in order);
            // these registrations only hand them out, so the container disposing them again is harmless.
            services.AddSingleton(provider => provider.GetRequiredService<ZmqSocketRegistry>().Context);
            services.AddKeyedSingleton<ZmqSocket>(KeyedService.AnyKey,
                (provider, key) => provider.GetRequiredService<ZmqSocketRegistry>().Get(key as string
                    ?? throw new ArgumentException($"A ZmqSocket service key is a socket name (string); got {key ?? "null"}.", nameof(key))));
            services.AddHostedService<ZmqHostedService>();
        }
        configure?.Invoke(builder);
        return builder;
    }
}
