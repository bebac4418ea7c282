namespace ActorScale.Abstractions.Carts;

/// <summary>The outcome of a cart mutation.</summary>
/// <param name="OperationId">The caller's operation id.</param>
/// <param name="Replayed">True when this id had already been applied: nothing changed now.</param>
/// <param name="AppliedAtVersion">The cart version the operation produced when it was first applied.</param>
/// <param name="Cart">The cart as it is now.</param>
[GenerateSerializer, Immutable, Alias("actorscale.cart-update")]
public sealed record CartUpdate(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] bool Replayed,
    [property: Id(2)] int AppliedAtVersion,
    [property: Id(3)] CartView Cart);
