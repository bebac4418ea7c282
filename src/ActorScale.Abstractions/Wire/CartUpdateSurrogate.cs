using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="CartUpdate"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.cart-update")]
public readonly record struct CartUpdateSurrogate(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] bool Replayed,
    [property: Id(2)] int AppliedAtVersion,
    [property: Id(3)] CartView Cart);
