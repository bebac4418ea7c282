using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ActorScale.Hosting.Tls;
using StackExchange.Redis;

namespace ActorScale.Hosting;

/// <summary>
/// The StackExchange.Redis connection string of a restricted Redis ACL user (silo, client, baseline, admin; their rights:
/// ActorScale.Lab's <c>redis-users.conf</c>). At connect StackExchange.Redis asks the server about itself (INFO, CONFIG
/// GET, CLUSTER NODES, CLIENT SETNAME, ECHO, a tie-breaker GET, SUBSCRIBE to its configuration channel) and loads scripts
/// with SCRIPT LOAD; our users may run none of those. It is told not to send them (each refusal costs a round trip and
/// an ACL LOG entry, where a refusal should stand for an attempt), to assume Redis 7 (what INFO would have said, for the
/// launcher's and compose's Redis) and to send scripts as EVAL. PING stays: handshake and keep-alive.
/// </summary>
public static class RedisConnection
{
    /// <summary>Commands StackExchange.Redis must not send; <c>INFO</c> only for a user that may run it (the admin).</summary>
    private const string Silent = "version=7.0,tiebreaker=,configChannel=,$CONFIG=,$CLUSTER=,$CLIENT=,$ECHO=,$SUBSCRIBE=,$SCRIPT=";

    /// <summary>A user name that needs no escaping in a connection string (or none: the default user).</summary>
    public static bool IsValidUser(string? user) =>
        string.IsNullOrEmpty(user) || (user.Length <= 64 && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'));

    /// <summary>
    /// <paramref name="endpoint"/> (<c>host:port</c>) as <paramref name="user"/> (none: the default user) with
    /// <paramref name="password"/>; never log the result. Passwords must need no escaping (the generated ones are hex).
    /// </summary>
    public static string ConnectionString(string endpoint, string? user, string? password, bool mayRunInfo = false)
    {
        var options = $"{endpoint},abortConnect=false,connectTimeout=3000,{Silent}{(mayRunInfo ? "" : ",$INFO=")}";
        if (!string.IsNullOrEmpty(user))
        {
            options += $",user={user}";
        }

        return password is null ? options : $"{options},password={password}";
    }

    /// <summary>
    /// <paramref name="connectionString"/> parsed, over TLS when <paramref name="trustFile"/> names the authorities (PEM)
    /// that Redis's certificate must chain to, for server authentication and the connection string's host name. The file
    /// is read at each new connection, so a process follows a rotation of the authority (two authorities in the file
    /// while it lasts); one that cannot be read refuses the connection.
    /// </summary>
    public static ConfigurationOptions Options(string connectionString, string? trustFile)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        if (string.IsNullOrWhiteSpace(trustFile))
        {
            return options;
        }

        options.Ssl = true;
        options.SslHost = options.EndPoints.Single() switch
        {
            System.Net.DnsEndPoint dns => dns.Host,
            System.Net.IPEndPoint ip => ip.Address.ToString(),
            var other => other.ToString(),
        };
        options.CertificateValidation += (_, certificate, _, errors) =>
            (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            && certificate is X509Certificate2 server
            && Trusted(trustFile) is { Count: > 0 } trusted
            && ClusterTls.IssuedBy(trusted, server, ClusterTls.ServerAuthentication);
        return options;
    }

    private static X509Certificate2Collection Trusted(string file)
    {
        var trusted = new X509Certificate2Collection();
        try
        {
            trusted.ImportFromPemFile(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // Refused below: no authority, no connection.
        }

        return trusted;
    }
}
