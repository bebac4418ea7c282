using ActorScale.Lab.Sharding;

namespace ActorScale.Tests.Lab.Sharding;

/// <summary>What <c>db skew</c> measures, on generated ids: the hashes spread evenly, range sharding by first letter does not, and only the jump hash moves few users when a shard is added.</summary>
public sealed class KeySkewTests
{
    private static readonly IReadOnlyList<SkewResult> Results = KeySkew.Measure(20_000, [2, 4], seed: 1);

    [Fact]
    public void Hashes_SpreadEvenly_RangeByFirstLetterDoesNot()
    {
        Assert.All(Results.Where(r => r.Placement != KeySkew.Range), r => Assert.InRange(r.MaxOverMean, 1.0, 1.05));
        Assert.All(Results.Where(r => r.Placement == KeySkew.Range && r.Ids == "ids people pick"), r => Assert.True(r.MaxOverMean > 1.2, $"{r.Shards} shards: {r.MaxOverMean}"));
        Assert.All(Results.Where(r => r.Placement == KeySkew.Range && r.Ids != "ids people pick"), r => Assert.Equal(r.Shards, r.MaxOverMean));
    }

    [Fact]
    public void OneMoreShard_JumpMovesAboutOneInNPlusOne_ModuloMovesMost()
    {
        Assert.All(Results.Where(r => r.Placement == KeySkew.JumpHash), r => Assert.InRange(r.MovedByOneMore, 0.9 / (r.Shards + 1), 1.1 / (r.Shards + 1)));
        Assert.All(Results.Where(r => r.Placement == KeySkew.Modulo), r => Assert.InRange(r.MovedByOneMore, 0.9 * r.Shards / (r.Shards + 1), 1.1 * r.Shards / (r.Shards + 1)));
    }

    [Fact]
    public void RealisticIds_AreDistinct_AndTheSameForASeed()
    {
        var ids = RealisticUserIds.Generate(5_000, seed: 7);

        Assert.Equal(5_000, ids.Distinct().Count());
        Assert.Equal(ids, RealisticUserIds.Generate(5_000, seed: 7));
    }
}
