namespace ActorScale.Http.Requests;

/// <summary>The body of <c>PUT /api/cart/items/{sku}</c>.</summary>
public sealed record QuantityRequest(int Quantity);
