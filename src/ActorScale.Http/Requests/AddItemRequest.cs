namespace ActorScale.Http.Requests;

/// <summary>The body of <c>POST /api/cart/items</c>; a missing quantity is 0, which the grain rejects.</summary>
public sealed record AddItemRequest(string? Sku, int Quantity);
