using ActorScale.Domain.Sessions;
using ActorScale.Hosting;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// The cluster token key that signs session tokens (<see cref="TokenSigner"/>); bound from <c>ActorScale:Tokens</c>.
/// Every silo of a cluster needs the same keys. No defaults: a silo without a key does not start.
/// To rotate: the new key becomes <see cref="Key"/>, the old one moves to <see cref="PreviousKeys"/>, the silos are
/// rolled (<c>actorscale cluster rotate-token-key</c> does this for a local cluster), and the old key is removed (and the
/// silos rolled again) once every token it signed has expired (<c>ActorScale:Sessions:AbsoluteLifetime</c>, 24 h by default).
/// </summary>
public sealed class TokenSettings
{
    public const string Section = "ActorScale:Tokens";

    /// <summary>The current key: signs new tokens and verifies them. At least 32 characters (or use <see cref="KeyFile"/>).</summary>
    public string? Key { get; set; }

    /// <summary>A file whose whole content (trimmed) is the current key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Keys that only verify: tokens signed before a rotation stay valid while their key is listed. Default none.</summary>
    public List<string> PreviousKeys { get; set; } = [];

    /// <summary>A file of previous keys, one per line; blank lines and lines starting with <c>#</c> are skipped. Default none.</summary>
    public string? PreviousKeysFile { get; set; }

    /// <summary>The keys' signer; throws when <see cref="FindProblem"/> has a problem.</summary>
    public TokenSigner CreateSigner()
    {
        var (current, previous, problem) = Read();
        return problem is null ? new TokenSigner(current!, previous) : throw new InvalidOperationException(problem);
    }

    /// <summary>One line naming the key that is missing, short or unreadable; null when the keys are usable.</summary>
    public string? FindProblem() => Read().Problem;

    private (string? Current, List<string> Previous, string? Problem) Read()
    {
        try
        {
            var current = Secret.Read(Key, KeyFile, $"{Section}:Key");
            var previous = PreviousKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
            if (Secret.Read(null, PreviousKeysFile, $"{Section}:PreviousKeys") is { } lines)
            {
                previous.AddRange(lines.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
            }

            if (string.IsNullOrEmpty(current))
            {
                return (null, previous, $"{Section}:Key (or KeyFile) is required: the key that signs session tokens, the same on every silo");
            }

            if (current.Length < TokenSigner.MinKeyLength)
            {
                return (null, previous, $"{Section}:Key must be at least {TokenSigner.MinKeyLength} characters");
            }

            if (previous.FindIndex(k => k.Length < TokenSigner.MinKeyLength) is var shortOne and >= 0)
            {
                return (null, previous, $"{Section}:PreviousKeys[{shortOne}] must be at least {TokenSigner.MinKeyLength} characters");
            }

            return (current, previous, null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, [], ex.Message);
        }
    }
}
