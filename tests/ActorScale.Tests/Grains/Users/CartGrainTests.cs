using ActorScale.Abstractions.Catalog;
using ActorScale.Domain.Errors;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Grains.Users;

[Collection(GrainClusterCollection.Name)]
public sealed class CartGrainTests(GrainClusterFixture fixture)
{
    private const string Book = "book-ddia";
    private const string Mug = "mug-actor";
    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task Silo_Starts_AndServesTheSeededCatalog()
    {
        var products = await _client.GetGrain<ICatalogGrain>(0).ListAsync();

        Assert.Contains(products, p => p.Sku == Book && p.PriceCents == 4599);
        Assert.Equal(products.OrderBy(p => p.Sku, StringComparer.Ordinal).Select(p => p.Sku), products.Select(p => p.Sku));
    }

    [Fact]
    public async Task AddSetRemove_ChangeTheCart_WithPricesInCents()
    {
        var (user, token) = await _client.SignUpAsync();
        var cart = _client.Cart(user);

        await cart.AddAsync(token, Guid.NewGuid(), Book, 1);
        await cart.AddAsync(token, Guid.NewGuid(), Mug, 2);
        await cart.SetAsync(token, Guid.NewGuid(), Mug, 3);
        var afterRemove = await cart.RemoveAsync(token, Guid.NewGuid(), Book);
        var view = await cart.GetAsync(token);

        Assert.Equal(4, afterRemove.AppliedAtVersion);
        var line = Assert.Single(view.Lines);
        Assert.Equal((Mug, 3, 1250L), (line.Sku, line.Quantity, line.UnitPriceCents));
        Assert.Equal(3750, view.TotalCents);
    }

    [Fact]
    public async Task Mutation_RetriedWithSameOperationId_AppliedOnce()
    {
        var (user, token) = await _client.SignUpAsync();
        var cart = _client.Cart(user);
        var operation = Guid.NewGuid();

        var first = await cart.AddAsync(token, operation, Book, 2);
        var retry = await cart.AddAsync(token, operation, Book, 2);

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first.AppliedAtVersion, retry.AppliedAtVersion);
        Assert.Equal(2, Assert.Single((await cart.GetAsync(token)).Lines).Quantity);
    }

    [Fact]
    public async Task Checkout_RetriedWithSameOperationId_ReturnsTheSameOrder()
    {
        var (user, token) = await _client.SignUpAsync();
        var cart = _client.Cart(user);
        await cart.AddAsync(token, Guid.NewGuid(), Book, 2);
        var operation = Guid.NewGuid();

        var order = await cart.CheckoutAsync(token, operation);
        var retry = await cart.CheckoutAsync(token, operation);
        var orders = await cart.ListOrdersAsync(token);

        Assert.Equal(order.OrderId, retry.OrderId);
        Assert.Equal(2 * 4599, order.TotalCents);
        Assert.Equal(order.OrderId, Assert.Single(orders).OrderId);
        Assert.Empty((await cart.GetAsync(token)).Lines);
    }

    [Fact]
    public async Task Checkout_EmptyCart_EmptyCart()
    {
        var (user, token) = await _client.SignUpAsync();

        var error = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(user).CheckoutAsync(token, Guid.NewGuid()));

        Assert.Equal(ActorScaleErrorCode.EmptyCart, error.Code);
        Assert.Empty(await _client.Cart(user).ListOrdersAsync(token));
    }

    [Fact]
    public async Task TokenOfAnotherUser_NeverReadsOrChangesTheCart()
    {
        var (alice, aliceToken) = await _client.SignUpAsync("alice");
        var (bob, bobToken) = await _client.SignUpAsync("bob");
        await _client.Cart(bob).AddAsync(bobToken, Guid.NewGuid(), Mug, 1);

        var read = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(bob).GetAsync(aliceToken));
        var write = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(bob).AddAsync(aliceToken, Guid.NewGuid(), Book, 1));
        var checkout = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(bob).CheckoutAsync(aliceToken, Guid.NewGuid()));

        Assert.All(new[] { read, write, checkout }, e => Assert.Equal(ActorScaleErrorCode.Forbidden, e.Code));
        var bobCart = await _client.Cart(bob).GetAsync(bobToken);
        Assert.Equal((Mug, 1), (Assert.Single(bobCart.Lines).Sku, bobCart.Lines[0].Quantity));
        Assert.Empty((await _client.Cart(alice).GetAsync(aliceToken)).Lines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("as1.someone.0123456789012345678901234567890123456789012")]
    public async Task CartCall_WithoutAValidToken_Refused(string token)
    {
        var (user, _) = await _client.SignUpAsync();

        var error = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(user).GetAsync(token));

        Assert.Contains(error.Code, new[] { ActorScaleErrorCode.InvalidToken, ActorScaleErrorCode.Forbidden });
    }

    [Fact]
    public async Task RejectedMutations_ChangeNothing()
    {
        var (user, token) = await _client.SignUpAsync();
        var cart = _client.Cart(user);
        await cart.AddAsync(token, Guid.NewGuid(), Book, 998);
        var before = await cart.GetAsync(token);

        var errors = new List<ActorScaleErrorCode>();
        foreach (var call in new Func<Task>[]
        {
            () => cart.AddAsync(token, Guid.NewGuid(), Book, 2),
            () => cart.AddAsync(token, Guid.NewGuid(), "no-such-sku", 1),
            () => cart.AddAsync(token, Guid.NewGuid(), "bad sku!", 1),
            () => cart.SetAsync(token, Guid.NewGuid(), Mug, 0),
            () => cart.RemoveAsync(token, Guid.NewGuid(), Mug),
            () => cart.AddAsync(token, Guid.Empty, Mug, 1),
        })
        {
            errors.Add((await Assert.ThrowsAsync<ActorScaleException>(call)).Code);
        }

        Assert.Equal(
            [ActorScaleErrorCode.InvalidQuantity, ActorScaleErrorCode.UnknownSku, ActorScaleErrorCode.InvalidSku, ActorScaleErrorCode.InvalidQuantity, ActorScaleErrorCode.NotInCart, ActorScaleErrorCode.InvalidOperationId],
            errors);
        var after = await cart.GetAsync(token);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Lines.ToArray(), after.Lines.ToArray());
    }

    [Fact]
    public async Task Cart_HoldsAtMost100DistinctLines()
    {
        var (user, token) = await _client.SignUpAsync();
        var products = await _client.GetGrain<ICatalogGrain>(0).ListAsync();

        // The seeded catalog is small; the limit is checked by the unit tests with a tiny MaxLines and here against every product.
        foreach (var product in products)
        {
            await _client.Cart(user).AddAsync(token, Guid.NewGuid(), product.Sku, 1);
        }

        Assert.Equal(products.Length, (await _client.Cart(user).GetAsync(token)).Lines.Length);
        Assert.True(products.Length <= new ActorScale.Domain.Carts.CartOptions().MaxLines);
    }
}
