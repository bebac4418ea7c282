using System.Globalization;
using ActorScale.Domain.Operations;

namespace ActorScale.Domain.Carts;

/// <summary>
/// The <see cref="OperationIntent"/> of each cart mutation: one definition of what a key is bound to (the operation and
/// the values that change its effect), for the grains and the stateless baseline alike.
/// </summary>
public static class CartIntents
{
    public static OperationIntent Add(Guid operationId, string sku, int quantity) => OperationIntent.Of(operationId, "add", sku, Text(quantity));

    public static OperationIntent Set(Guid operationId, string sku, int quantity) => OperationIntent.Of(operationId, "set", sku, Text(quantity));

    public static OperationIntent Remove(Guid operationId, string sku) => OperationIntent.Of(operationId, "remove", sku);

    public static OperationIntent Clear(Guid operationId) => OperationIntent.Of(operationId, "clear");

    public static OperationIntent Checkout(Guid operationId) => OperationIntent.Of(operationId, "checkout");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
