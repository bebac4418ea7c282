using ActorScale.Lab.Bench;

namespace ActorScale.Tests.Lab.Bench;

/// <summary>The read-your-writes probe against in-memory fakes of one cart: one always current, one whose reads lag its writes.</summary>
public sealed class StalenessProbeTests
{
    private static readonly BenchUser[] Users = [new("u1", "t1", ["lamp-desk"]), new("u2", "t2", ["lamp-desk"])];

    [Fact]
    public async Task CurrentReads_NoViolation()
    {
        var result = await StalenessProbe.RunAsync(new FakeCartTarget(readLag: 0), Users, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(result.Writes > 0 && result.Reads > 0, result.ToString());
        Assert.Equal(0, result.Violations);
        Assert.Null(result.MaxLagMs);
        Assert.StartsWith("0 of ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsBehindTheWrites_AreViolations_WithHowLongTheStaleValueLasted()
    {
        var result = await StalenessProbe.RunAsync(new FakeCartTarget(readLag: 3), Users, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(result.Violations > 0, result.ToString());
        Assert.True(result.MaxLagMs > 0 && result.MedianLagMs <= result.MaxLagMs, result.ToString());
        Assert.Contains("stale for median", result.Summary, StringComparison.Ordinal);
    }

    /// <summary>
    /// An in-memory fake (pure logic only): each write bumps the user's cart version; a read returns the version
    /// <paramref name="readLag"/> writes ago, as a replica behind its primary would.
    /// </summary>
    private sealed class FakeCartTarget(int readLag) : BenchTarget
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _versions = new();

        public override string Design => "fake";

        public override IReadOnlyList<string> Servers => ["fake"];

        public override async Task<int> SetQuantityVersionAsync(string token, string sku, int quantity, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            return _versions.AddOrUpdate(token, 1, (_, v) => v + 1);
        }

        public override async Task<int> CartVersionAsync(string token, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            return Math.Max(0, _versions.GetValueOrDefault(token) - readLag);
        }

        public override Task<IReadOnlyList<string>> SkusAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task CatalogAsync(Random random, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task RegisterAsync(string userId, string password, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<string> LoginAsync(string userId, string password, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task CheckSessionAsync(string token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task ReadCartAsync(string token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task SetQuantityAsync(string token, string sku, int quantity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task RevokeAllAsync(string token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<bool> AcceptsAsync(int server, string token, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
