using ActorScale.Lab.Cluster;

namespace ActorScale.Tests.Lab.Cluster;

/// <summary>The sizes <c>cluster up --silo-memory</c> accepts (pure parsing; the cgroup itself is measured, see README).</summary>
public sealed class MemoryCgroupTests
{
    [Theory]
    [InlineData("512M", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("2g", 2L << 30)]
    [InlineData("768MiB", 768L << 20)]
    [InlineData("65536K", 64L << 20)]
    [InlineData("100000000", 100_000_000L)]
    public void ParseSize_NumberWithOptionalBinarySuffix(string text, long bytes) => Assert.Equal(bytes, MemoryCgroup.ParseSize(text));

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("-5M")]
    [InlineData("0")]
    [InlineData("lots")]
    [InlineData("1.5G")]
    [InlineData("99999999999999G")]
    public void ParseSize_AnythingElse_IsNotASize(string text) => Assert.Null(MemoryCgroup.ParseSize(text));
}
