using ActorScale.Domain.Sessions;
using ActorScale.Silo.Hosting;

namespace ActorScale.Tests.Silo.Hosting;

public sealed class TokenSettingsTests : IDisposable
{
    private const string Key = "current-token-key-0123456789abcdef012345";
    private const string Previous = "previous-token-key-0123456789abcdef01234";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actorscale-token-settings-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void FindProblem_NoKey_NamesTheKey()
    {
        Assert.Equal(
            "ActorScale:Tokens:Key (or KeyFile) is required: the key that signs session tokens, the same on every silo",
            new TokenSettings().FindProblem());
    }

    [Fact]
    public void FindProblem_ShortKeyOrPreviousKey_NamesIt()
    {
        Assert.Equal("ActorScale:Tokens:Key must be at least 32 characters", new TokenSettings { Key = "short" }.FindProblem());
        Assert.Equal("ActorScale:Tokens:PreviousKeys[0] must be at least 32 characters", new TokenSettings { Key = Key, PreviousKeys = ["short"] }.FindProblem());
    }

    [Fact]
    public void FindProblem_UnreadableKeyFile_NamesTheSetting()
    {
        var problem = new TokenSettings { KeyFile = Path.Combine(_folder.FullName, "missing.key") }.FindProblem();

        Assert.StartsWith("ActorScale:Tokens:KeyFile: cannot read", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSigner_KeyFileAndPreviousKeysFile_SignWithTheKeyVerifyWithBoth()
    {
        var keyFile = Path.Combine(_folder.FullName, "token.key");
        var previousFile = Path.Combine(_folder.FullName, "token-previous.keys");
        File.WriteAllText(keyFile, Key + "\n");
        File.WriteAllText(previousFile, $"# retired 2026-01-01\n{Previous}\n\n");
        var settings = new TokenSettings { KeyFile = keyFile, PreviousKeysFile = previousFile };

        var signer = settings.CreateSigner();

        Assert.Null(settings.FindProblem());
        Assert.Equal(TokenSigner.KeyIdOf(Key), signer.Sign(TokenSecrets.NewToken("alice")).KeyId);
        Assert.True(signer.Verify(new TokenSigner(Previous).Sign(TokenSecrets.NewToken("alice"))));
    }
}
