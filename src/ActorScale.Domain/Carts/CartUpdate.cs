namespace ActorScale.Domain.Carts;

/// <summary>The outcome of a cart mutation.</summary>
/// <param name="OperationId">The caller's operation id.</param>
/// <param name="Replayed">True when this id had already been applied: nothing changed now.</param>
/// <param name="AppliedAtVersion">The cart version the operation produced when it was first applied.</param>
/// <param name="Cart">The cart as it is now.</param>
public sealed record CartUpdate(
    Guid OperationId,
    bool Replayed,
    int AppliedAtVersion,
    CartView Cart);
