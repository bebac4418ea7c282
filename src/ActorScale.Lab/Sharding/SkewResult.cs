namespace ActorScale.Lab.Sharding;

/// <summary>One placement of one id set over N shards (<see cref="KeySkew"/>).</summary>
/// <param name="Ids">The id set.</param>
/// <param name="Placement">The placement function.</param>
/// <param name="Shards">N.</param>
/// <param name="MaxOverMean">Users on the fullest shard over the mean: 1.0 is perfectly even; 2.0 means one shard does twice its share of the work.</param>
/// <param name="MinOverMean">Users on the emptiest shard over the mean.</param>
/// <param name="MovedByOneMore">The share of users whose shard changes when N becomes N + 1 (what a resharding copies).</param>
public sealed record SkewResult(string Ids, string Placement, int Shards, double MaxOverMean, double MinOverMean, double MovedByOneMore);
