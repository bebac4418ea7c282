using ActorScale.Abstractions.Carts;

namespace ActorScale.Silo.Http;

/// <summary>The outcome of a cart mutation; <c>replayed</c> is true when its operation id had already been applied.</summary>
public sealed record CartUpdateResponse(Guid OperationId, bool Replayed, int AppliedAtVersion, CartResponse Cart)
{
    public static CartUpdateResponse From(CartUpdate update) => new(update.OperationId, update.Replayed, update.AppliedAtVersion, CartResponse.From(update.Cart));
}
