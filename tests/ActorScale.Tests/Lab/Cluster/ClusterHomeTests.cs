using ActorScale.Domain.Sessions;
using ActorScale.Lab.Cluster;

namespace ActorScale.Tests.Lab.Cluster;

public sealed class ClusterHomeTests : IDisposable
{
    private readonly ClusterHome _home = new(Directory.CreateTempSubdirectory("actorscale-home-").FullName);

    public void Dispose() => Directory.Delete(_home.Root, recursive: true);

    [Fact]
    public void TokenKey_FirstUse_IsGeneratedPrivateAndStable()
    {
        var first = _home.TokenSigner().Sign(TokenSecrets.NewToken("alice"));

        Assert.True(_home.TokenSigner().Verify(first));
        Assert.Equal(64, File.ReadAllText(_home.TokenKeyFile).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_home.TokenKeyFile));
        }
    }

    [Fact]
    public void RotateTokenKey_StagePromoteDrop_OldTokensWorkUntilTheOldKeyIsDropped()
    {
        var before = _home.TokenSigner().Sign(TokenSecrets.NewToken("alice"));

        var next = _home.StageTokenKey();
        var staged = _home.TokenSigner();
        _home.PromoteTokenKey(next);
        var promoted = _home.TokenSigner();
        var after = promoted.Sign(TokenSecrets.NewToken("alice"));
        _home.DropPreviousTokenKeys();
        var dropped = _home.TokenSigner();

        Assert.Equal(before.KeyId, staged.Sign(TokenSecrets.NewToken("alice")).KeyId);
        Assert.True(staged.Verify(before));
        Assert.True(staged.Verify(after));
        Assert.True(promoted.Verify(before));
        Assert.Equal(TokenSigner.KeyIdOf(next), after.KeyId);
        Assert.False(dropped.Verify(before));
        Assert.True(dropped.Verify(after));
    }
}
