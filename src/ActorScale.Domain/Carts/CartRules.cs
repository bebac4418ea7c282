using System.Collections.Immutable;
using System.Globalization;
using ActorScale.Domain.Catalog;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Validation;

namespace ActorScale.Domain.Carts;

/// <summary>
/// The cart rules as pure functions of a <see cref="CartState"/>. Each method validates everything before it
/// changes anything, so a rejected call leaves the state as it was.
/// </summary>
public sealed class CartRules(CartOptions options, ProductCatalog catalog)
{
    public void Add(CartState cart, string sku, int quantity)
    {
        RequireProduct(sku);
        InputRules.RequireQuantity(quantity);
        var line = Find(cart, sku);
        if (line is null)
        {
            AddLine(cart, sku, quantity);
            return;
        }

        if (line.Quantity + quantity > InputRules.MaxQuantity)
        {
            throw new ActorScaleException(
                ActorScaleErrorCode.InvalidQuantity,
                $"{sku} would reach {line.Quantity + quantity}; a line holds at most {InputRules.MaxQuantity}");
        }

        line.Quantity += quantity;
    }

    public void Set(CartState cart, string sku, int quantity)
    {
        RequireProduct(sku);
        InputRules.RequireQuantity(quantity);
        var line = Find(cart, sku);
        if (line is null)
        {
            AddLine(cart, sku, quantity);
        }
        else
        {
            line.Quantity = quantity;
        }
    }

    public static void Remove(CartState cart, string sku)
    {
        InputRules.RequireSku(sku);
        var line = Find(cart, sku) ?? throw new ActorScaleException(ActorScaleErrorCode.NotInCart, $"{sku} is not in the cart");
        cart.Lines.Remove(line);
    }

    public static void Clear(CartState cart) => cart.Lines.Clear();

    /// <summary>The order a checkout of <paramref name="cart"/> places as the user's <paramref name="number"/>th, at today's prices; the cart is not changed.</summary>
    public OrderState Order(CartState cart, int number, Guid operationId, DateTimeOffset now)
    {
        RequireLines(cart);
        return new OrderState
        {
            OrderId = OrderPaging.IdOf(number),
            PlacedAt = now,
            OperationId = operationId,
            Lines = [.. Price(cart).Select(l => new OrderLineState { Sku = l.Sku, Name = l.Name, Quantity = l.Quantity, UnitPriceCents = l.UnitPriceCents })],
        };
    }

    /// <summary>Checkout needs something to order.</summary>
    public static void RequireLines(CartState cart)
    {
        if (cart.Lines.Count == 0)
        {
            throw new ActorScaleException(ActorScaleErrorCode.EmptyCart, "the cart is empty");
        }
    }

    public CartView View(string userId, CartState cart) => new(userId, Price(cart), cart.Version);

    public static Order ToOrder(OrderState order) => new(
        order.OrderId,
        order.PlacedAt,
        [.. order.Lines.Select(l => new CartLine(l.Sku, l.Name, l.Quantity, l.UnitPriceCents))],
        order.OperationId);

    private ImmutableArray<CartLine> Price(CartState cart) =>
        [.. cart.Lines.Select(l => catalog.Find(l.Sku) is { } p
            ? new CartLine(l.Sku, p.Name, l.Quantity, p.PriceCents)
            : new CartLine(l.Sku, "(no longer sold)", l.Quantity, 0))];

    private void AddLine(CartState cart, string sku, int quantity)
    {
        if (cart.Lines.Count >= options.MaxLines)
        {
            throw new ActorScaleException(ActorScaleErrorCode.CartFull, $"a cart holds at most {options.MaxLines} distinct products");
        }

        cart.Lines.Add(new CartLineState { Sku = sku, Quantity = quantity });
    }

    private void RequireProduct(string sku)
    {
        InputRules.RequireSku(sku);
        if (catalog.Find(sku) is null)
        {
            throw new ActorScaleException(ActorScaleErrorCode.UnknownSku, $"{sku} is not in the catalog");
        }
    }

    private static CartLineState? Find(CartState cart, string sku) =>
        cart.Lines.Find(l => string.Equals(l.Sku, sku, StringComparison.Ordinal));
}
