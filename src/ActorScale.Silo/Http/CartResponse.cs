using ActorScale.Abstractions.Carts;

namespace ActorScale.Silo.Http;

/// <summary>A cart: lines in the order they were first added, the number of changes applied, the total in cents.</summary>
public sealed record CartResponse(string UserId, IReadOnlyList<CartLineResponse> Lines, int Version, long TotalCents)
{
    public static CartResponse From(CartView cart) => new(cart.UserId, [.. cart.Lines.Select(CartLineResponse.From)], cart.Version, cart.TotalCents);
}
