using ActorScale.Abstractions.Catalog;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Catalog;
using ActorScale.Domain.Errors;
using ActorScale.Grains.Storage;

namespace ActorScale.Tests.Domain.Carts;

public sealed class CartRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CartRules _rules = new(
        new CartOptions { MaxLines = 3 },
        new ProductCatalog([new Product("a", "A", 199), new Product("b", "B", 1050), new Product("c", "C", 1), new Product("d", "D", 5)]));

    [Fact]
    public void Add_NewAndExistingLine_SumsQuantities()
    {
        var cart = new CartState();

        _rules.Add(cart, "a", 2);
        _rules.Add(cart, "a", 3);

        Assert.Equal(5, Assert.Single(cart.Lines).Quantity);
    }

    [Fact]
    public void Add_BeyondMaxQuantity_RejectedAndCartUnchanged()
    {
        var cart = new CartState();
        _rules.Add(cart, "a", 998);

        Reject(ActorScaleErrorCode.InvalidQuantity, cart, c => _rules.Add(c, "a", 2));
    }

    [Theory]
    [InlineData("zzz", ActorScaleErrorCode.UnknownSku)]
    [InlineData("bad sku", ActorScaleErrorCode.InvalidSku)]
    public void Add_BadSku_Rejected(string sku, ActorScaleErrorCode code) => Reject(code, new CartState(), c => _rules.Add(c, sku, 1));

    [Fact]
    public void Add_TooManyDistinctLines_CartFull()
    {
        var cart = new CartState();
        _rules.Add(cart, "a", 1);
        _rules.Add(cart, "b", 1);
        _rules.Add(cart, "c", 1);

        Reject(ActorScaleErrorCode.CartFull, cart, c => _rules.Add(c, "d", 1));
        _rules.Add(cart, "a", 1);
    }

    [Fact]
    public void Set_ReplacesQuantity_AndRejectsZero()
    {
        var cart = new CartState();
        _rules.Set(cart, "b", 4);
        _rules.Set(cart, "b", 2);

        Assert.Equal(2, Assert.Single(cart.Lines).Quantity);
        Reject(ActorScaleErrorCode.InvalidQuantity, cart, c => _rules.Set(c, "b", 0));
    }

    [Fact]
    public void Remove_MissingLine_NotInCart()
    {
        var cart = new CartState();
        _rules.Add(cart, "a", 1);

        Reject(ActorScaleErrorCode.NotInCart, cart, c => CartRules.Remove(c, "b"));
        CartRules.Remove(cart, "a");
        Assert.Empty(cart.Lines);
    }

    [Fact]
    public void Order_EmptyCart_Rejected() => Reject(ActorScaleErrorCode.EmptyCart, new CartState(), c => _rules.Order(c, 1, Guid.NewGuid(), Now));

    [Fact]
    public void Order_AtCatalogPricesInCents_LeavesTheCartAsItIs()
    {
        var cart = new CartState();
        _rules.Add(cart, "a", 3);
        _rules.Add(cart, "b", 1);
        var operation = Guid.NewGuid();

        var order = CartRules.ToOrder(_rules.Order(cart, 12, operation, Now));

        Assert.Equal(2, cart.Lines.Count);
        Assert.Equal("ord-000012", order.OrderId);
        Assert.Equal((3 * 199) + 1050, order.TotalCents);
        Assert.Equal(operation, order.OperationId);
    }

    [Fact]
    public void View_TotalsAreExactIntegerCents()
    {
        var cart = new CartState();
        _rules.Add(cart, "c", 999);
        _rules.Add(cart, "a", 999);

        var view = _rules.View("alice", cart);

        Assert.Equal((999 * 1) + (999 * 199), view.TotalCents);
        Assert.Equal([999L, 999L * 199], view.Lines.Select(l => l.LineTotalCents));
    }

    private static void Reject(ActorScaleErrorCode code, CartState cart, Action<CartState> change)
    {
        var before = System.Text.Json.JsonSerializer.Serialize(cart, StateJsonSerializer.Options);
        var error = Assert.Throws<ActorScaleException>(() => change(cart));
        Assert.Equal(code, error.Code);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(cart, StateJsonSerializer.Options));
    }
}
