using System.Net;

namespace ActorScale.Http.Admission;

/// <summary>Parses the comma-separated proxy lists of <see cref="Domain.Admission.AdmissionOptions"/>.</summary>
public static class TrustedProxies
{
    /// <summary>The addresses of <paramref name="list"/>, or null when one entry is not an IP address.</summary>
    public static IReadOnlyList<IPAddress>? Addresses(string list)
    {
        var addresses = new List<IPAddress>();
        foreach (var entry in Entries(list))
        {
            if (!IPAddress.TryParse(entry, out var address))
            {
                return null;
            }

            addresses.Add(address);
        }

        return addresses;
    }

    /// <summary>The networks of <paramref name="list"/> (CIDR), or null when one entry is not a network.</summary>
    public static IReadOnlyList<IPNetwork>? Networks(string list)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in Entries(list))
        {
            if (!IPNetwork.TryParse(entry, out var network))
            {
                return null;
            }

            networks.Add(network);
        }

        return networks;
    }

    private static string[] Entries(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
