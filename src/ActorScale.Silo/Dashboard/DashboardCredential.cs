using System.Security.Cryptography;
using System.Text;
using ActorScale.Hosting;
using ActorScale.Silo.Hosting;

namespace ActorScale.Silo.Dashboard;

/// <summary>
/// The dashboard's one login, user <see cref="User"/> and the configured password. Only a hash of the pair is kept, so
/// the password is never in a log or a dump of this object, and every comparison takes the same time whatever was sent.
/// </summary>
public sealed class DashboardCredential
{
    public const string User = "operator";

    /// <summary>Shorter passwords are refused at start: the launcher generates 64 hex characters.</summary>
    public const int MinPasswordLength = 16;

    private readonly byte[] _expected;

    private DashboardCredential(string password) => _expected = Hash($"{User}:{password}");

    /// <summary>
    /// The configured credential; null when no password is configured (no dashboard), or when <see cref="FindProblem"/>
    /// has a problem, which <see cref="StartupChecks"/> reports before the silo starts.
    /// </summary>
    public static DashboardCredential? From(SiloSettings silo) => Read(silo).Credential;

    /// <summary>One line naming what is wrong with the dashboard settings; null when they are usable (or absent).</summary>
    public static string? FindProblem(SiloSettings silo) => Read(silo).Problem;

    /// <summary>Whether an <c>Authorization</c> header carries this credential (HTTP Basic).</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = authorization.AsSpan(scheme.Length).Trim();
        var decoded = new byte[encoded.Length];
        return Convert.TryFromBase64Chars(encoded, decoded, out var length)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded.AsSpan(0, length)), _expected);
    }

    private static (DashboardCredential? Credential, string? Problem) Read(SiloSettings silo)
    {
        string? password;
        try
        {
            password = Secret.Read(silo.DashboardPassword, silo.DashboardPasswordFile, $"{SiloSettings.Section}:DashboardPassword");
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }

        if (password is null)
        {
            return (null, null);
        }

        if (password.Length < MinPasswordLength)
        {
            return (null, $"{SiloSettings.Section}:DashboardPassword (or DashboardPasswordFile) must be at least {MinPasswordLength} characters");
        }

        return silo.MetricsPort == 0
            ? (null, $"{SiloSettings.Section}:DashboardPassword needs the management port, but {SiloSettings.Section}:MetricsPort is 0")
            : (new DashboardCredential(password), null);
    }

    private static byte[] Hash(string pair) => SHA256.HashData(Encoding.UTF8.GetBytes(pair));
}
