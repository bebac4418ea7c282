using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// HTTP clients whose connections leave from a loopback address of their own (127.0.0.0/8 is all loopback on Linux),
/// so that the balancer and the servers see many clients, as they would on the internet: the honest virtual users
/// each from one address of 127.0.1.0/24, the flood from 127.0.0.2-254. Per-address limits then apply as in real life.
/// </summary>
public static class SourceAddress
{
    /// <summary>The address of honest user <paramref name="index"/>: 127.0.1.1 onwards, over the /16 below 127.1.</summary>
    public static IPAddress Honest(int index) => new([127, 0, (byte)(1 + (index / 254 % 200)), (byte)(1 + (index % 254))]);

    /// <summary>How many addresses the flood comes from.</summary>
    public const int FloodAddresses = 253;

    /// <summary>The address of flood client <paramref name="index"/>: 127.0.0.2 to 127.0.0.254.</summary>
    public static IPAddress Flood(int index) => new([127, 0, 0, (byte)(2 + (index % FloodAddresses))]);

    /// <summary>A client whose every connection is bound to <paramref name="local"/>; <paramref name="tls"/>: how it judges an HTTPS server (the cluster's authority).</summary>
    public static HttpClient Client(IPAddress local, TimeSpan timeout, SslClientAuthenticationOptions? tls = null) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        SslOptions = tls ?? new(),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = timeout };
}
