namespace ActorScale.Abstractions;

/// <summary>Where an activation lives: what makes location transparency visible.</summary>
/// <param name="SiloAddress">The silo's endpoint and generation, e.g. <c>S127.0.0.1:11112:154816442</c>.</param>
/// <param name="SiloName">The silo's configured name.</param>
/// <param name="ActivatedAt">When this activation started (it changes when the grain moves).</param>
[GenerateSerializer, Immutable, Alias("actorscale.grain-location")]
public sealed record GrainLocation(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SiloName,
    [property: Id(2)] DateTimeOffset ActivatedAt);
