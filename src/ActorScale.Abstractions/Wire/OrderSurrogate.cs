using System.Collections.Immutable;
using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="Order"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.order")]
public readonly record struct OrderSurrogate(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DateTimeOffset PlacedAt,
    [property: Id(2)] ImmutableArray<CartLine> Lines,
    [property: Id(3)] Guid OperationId);
