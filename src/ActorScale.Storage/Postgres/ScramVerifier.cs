using System.Security.Cryptography;
using System.Text;

namespace ActorScale.Storage.Postgres;

/// <summary>
/// The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802 and 7677, in PostgreSQL's
/// <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c> form). Given to <c>CREATE/ALTER ROLE … PASSWORD</c>, the server
/// stores it as it is, so the password itself never reaches the server, its log or its statistics.
/// </summary>
public static class ScramVerifier
{
    /// <summary>PostgreSQL's own default (<c>scram_iterations</c>).</summary>
    public const int Iterations = 4096;

    public static string Compute(string password) => Compute(password, RandomNumberGenerator.GetBytes(16), Iterations);

    public static string Compute(string password, byte[] salt, int iterations)
    {
        // PostgreSQL prepares the password with SASLprep, which leaves printable ASCII as it is; refusing anything else
        // keeps this computation and the server's equal.
        if (password.Length == 0 || password.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException("a role password must be printable ASCII (the generated ones are hex)", nameof(password));
        }

        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }
}
