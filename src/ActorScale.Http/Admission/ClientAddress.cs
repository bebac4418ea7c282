using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ActorScale.Http.Admission;

/// <summary>
/// The client a request is counted against: the peer, or the address a trusted proxy forwarded (the forwarded-headers
/// middleware has already replaced the peer by then). An IPv6 client is its /64, since one host is usually given a
/// whole /64 and could otherwise change address for every request.
/// </summary>
public static class ClientAddress
{
    private const int Ipv6PrefixBytes = 8;

    /// <summary>The client's address as a rate-limit and login-throttle key; <c>unknown</c> when the server has none (an in-memory test server).</summary>
    public static string Of(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    /// <summary>The key of an address: IPv4 as is (also when mapped into IPv6), IPv6 as its /64 prefix.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixBytes, bytes.Length - Ipv6PrefixBytes);
        return $"{new IPAddress(bytes)}/64";
    }
}
