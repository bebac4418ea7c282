using System.Security.Cryptography;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Catalog;
using ActorScale.Abstractions.Sessions;
using ActorScale.Client.Output;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>
/// <c>actorscale demo</c>: a scripted tour of every session and cart rule against the running cluster, printing what
/// happens and which silo served each user. Uses fresh users and leaves the login profile alone.
/// </summary>
public static class DemoCommand
{
    public static System.CommandLine.Command Create() =>
        new System.CommandLine.Command("demo", "A scripted tour of sessions, carts and orders, showing which silo serves each user")
            .With(async ctx => ctx.Out.Success(await RunAsync(ctx)));

    /// <summary>Runs the tour; returns what <c>--json</c> prints.</summary>
    /// <summary>
    /// Runs a step again when a silo refused it before running it (<c>Unavailable</c> from a grain: a silo that cannot
    /// confirm its lease, for a moment under heavy load), so the tour does not stop on a refusal that changed nothing.
    /// </summary>
    private static async Task<T> RefusedBeforeRunningRetriedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (ActorScaleException ex) when (ex.Code == ActorScaleErrorCode.Unavailable && attempt < 40)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    public static async Task<object> RunAsync(CliContext ctx)
    {
        var client = await ctx.ClientAsync();
        var steps = new List<DemoStep>();
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var alice = $"demo-alice-{suffix}";
        var bob = $"demo-bob-{suffix}";
        var password = "correct horse " + suffix;

        async Task<T> Step<T>(string title, Func<Task<T>> action, Func<T, string> describe, ILocatableGrain? where = null)
        {
            var result = await RefusedBeforeRunningRetriedAsync(action, ctx.CancellationToken);
            var served = where is null ? "" : (await where.LocateAsync()).SiloName;
            steps.Add(new DemoStep(title, describe(result), served));
            ctx.Out.Say($"[green]✓[/] {Markup.Escape(title)}: {Markup.Escape(describe(result))}{(served.Length > 0 ? $" [grey]({Markup.Escape(served)})[/]" : "")}");
            return result;
        }

        async Task Refused(string title, Func<Task> action, ActorScaleErrorCode expected, ILocatableGrain? where = null)
        {
            try
            {
                await RefusedBeforeRunningRetriedAsync(async () =>
                {
                    await action();
                    return true;
                }, ctx.CancellationToken);
                throw new InvalidOperationException($"demo step '{title}' was accepted but must be refused with {expected}");
            }
            catch (ActorScaleException ex) when (ex.Code == expected)
            {
                await Step(title, () => Task.FromResult(ex), e => $"refused: {e.Code} ({e.Message})", where);
            }
        }

        var aliceGrain = client.GetGrain<IUserSessionGrain>(UserKey.For(alice));
        var aliceCart = client.GetGrain<ICartGrain>(UserKey.For(alice));
        var bobGrain = client.GetGrain<IUserSessionGrain>(UserKey.For(bob));
        var bobCart = client.GetGrain<ICartGrain>(UserKey.For(bob));

        await Step("where 12 new users' grains live", () => PlacementAsync(client, suffix), s => s);
        var products = await Step("catalog", () => client.GetGrain<ICatalogGrain>(0).ListAsync(), p => $"{p.Length} products");
        var first = products[0].Sku;
        var second = products[1].Sku;
        await Step($"register {alice}", () => Ok(aliceGrain.RegisterAsync(password, Guid.NewGuid())), _ => "registered (PBKDF2-SHA256 hash stored)", aliceGrain);
        await Step($"register {bob}", () => Ok(bobGrain.RegisterAsync(password, Guid.NewGuid())), _ => "registered", bobGrain);
        var login = await Step($"login {alice}", () => aliceGrain.LoginAsync(password), l => $"token {l.Token[..(l.Token.Length - 38)]}… valid until {l.ExpiresAt:u}", aliceGrain);
        var token = login.Token;

        await Step($"cart add {first} 1", () => aliceCart.AddAsync(token, Guid.NewGuid(), first, 1), u => $"version {u.AppliedAtVersion}", aliceCart);
        var retryId = Guid.NewGuid();
        await Step($"cart add {second} 2", () => aliceCart.AddAsync(token, retryId, second, 2), u => $"version {u.AppliedAtVersion}", aliceCart);
        await Step($"same add retried (same operation id)", () => aliceCart.AddAsync(token, retryId, second, 2), u => u.Replayed ? $"replayed, applied once at version {u.AppliedAtVersion}" : "APPLIED TWICE", aliceCart);
        await Step($"cart set {second} 3", () => aliceCart.SetAsync(token, Guid.NewGuid(), second, 3), u => $"{u.Cart.Lines.Length} lines, total {Views.Money(u.Cart.TotalCents)}", aliceCart);
        await Refused("cart add 1000 of one product", () => aliceCart.AddAsync(token, Guid.NewGuid(), first, 1000), ActorScaleErrorCode.InvalidQuantity, aliceCart);
        await Refused("cart add an unknown SKU", () => aliceCart.AddAsync(token, Guid.NewGuid(), "no-such-sku", 1), ActorScaleErrorCode.UnknownSku, aliceCart);
        await Refused($"{alice}'s token on {bob}'s cart", () => bobCart.GetAsync(token), ActorScaleErrorCode.Forbidden, bobCart);
        var cart = await Step("cart show", () => aliceCart.GetAsync(token), c => $"{string.Join(", ", c.Lines.Select(l => $"{l.Quantity}× {l.Sku}"))}; total {Views.Money(c.TotalCents)}", aliceCart);
        ctx.Out.Show(Views.Cart(cart));
        var order = await Step("checkout", () => aliceCart.CheckoutAsync(token, Guid.NewGuid()), o => $"{o.OrderId}, total {Views.Money(o.TotalCents)}; cart emptied", aliceCart);
        await Step("orders", () => aliceCart.ListOrdersAsync(token), o => string.Join(", ", o.Select(x => x.OrderId)), aliceCart);
        await Refused("checkout of the empty cart", () => aliceCart.CheckoutAsync(token, Guid.NewGuid()), ActorScaleErrorCode.EmptyCart, aliceCart);

        await Step($"logout {alice}", () => Ok(aliceGrain.LogoutAsync(token, Guid.NewGuid())), _ => "session revoked", aliceGrain);
        await Step("old token checked through every gateway", () => CheckEverywhereAsync(ctx, token, alice), s => s);
        await Refused("cart read with the logged-out token", () => aliceCart.GetAsync(token), ActorScaleErrorCode.TokenRevoked, aliceCart);

        var one = await aliceGrain.LoginAsync(password);
        var two = await aliceGrain.LoginAsync(password);
        await Step("revoke-all (suspicious activity)", () => aliceGrain.RevokeAllAsync(two.Token, Guid.NewGuid()), n => $"{n} sessions revoked", aliceGrain);
        await Step("both tokens after revoke-all", async () => $"{(await aliceGrain.ValidateAsync(one.Token)).Status}, {(await aliceGrain.ValidateAsync(two.Token)).Status}", s => s, aliceGrain);

        const string Guesser = "203.0.113.7";
        for (var i = 0; i < 5; i++)
        {
            await Refused($"login {bob} with a wrong password from {Guesser} ({i + 1})", () => bobGrain.LoginAsync("wrong password", Guesser), ActorScaleErrorCode.InvalidCredentials);
        }

        await Refused($"login {bob} with a wrong password from {Guesser} (6)", () => bobGrain.LoginAsync("wrong password", Guesser), ActorScaleErrorCode.TooManyRequests, bobGrain);
        await Step($"login {bob} with the right password from another address", () => bobGrain.LoginAsync(password, "198.51.100.2"), _ => "logged in: the guesser is throttled, not the account", bobGrain);

        var table = new Table().Title("demo").AddColumns("Step", "Outcome", "Served by");
        foreach (var step in steps)
        {
            table.AddRow(Markup.Escape(step.Step), Markup.Escape(step.Outcome), Markup.Escape(step.ServedBy));
        }

        ctx.Out.Say("");
        ctx.Out.Show(table);
        ctx.Out.Say($"[green]demo complete[/]: {steps.Count} steps; order {order.OrderId} is kept in {alice}'s history");
        return new { users = new[] { alice, bob }, steps };
    }

    /// <summary>Validates the token through a client pinned to each gateway of the local cluster (or the current connection).</summary>
    private static async Task<string> CheckEverywhereAsync(CliContext ctx, string token, string user)
    {
        var state = ctx.Home.TryLoadState();
        var gateways = state?.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => $"127.0.0.1:{s.GatewayPort}").ToList() ?? [];
        if (gateways.Count == 0)
        {
            var status = (await (await ctx.ClientAsync()).GetGrain<IUserSessionGrain>(UserKey.For(user)).ValidateAsync(token)).Status;
            return $"{status}";
        }

        var results = new List<string>();
        foreach (var gateway in gateways)
        {
            var settings = new ConnectionSettings(state!.ClientSettings(ctx.Home), [ConnectionSettings.ParseEndpoint(gateway)], gateway);
            await using var pinned = await ClusterConnection.ConnectAsync(settings, ctx.CancellationToken);
            var status = (await pinned.Client.GetGrain<IUserSessionGrain>(UserKey.For(user)).ValidateAsync(token)).Status;
            results.Add($"{gateway}: {status}");
            if (status != TokenStatus.Revoked)
            {
                throw new InvalidOperationException($"token still {status} through {gateway}");
            }
        }

        return string.Join(", ", results);
    }

    /// <summary>Activates a dozen user grains and counts them per silo: placement is the runtime's, not the client's.</summary>
    private static async Task<string> PlacementAsync(IClusterClient client, string suffix)
    {
        var locations = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => client.GetGrain<IUserSessionGrain>(UserKey.For($"demo-visitor-{suffix}-{i}")).LocateAsync()));
        return string.Join(", ", locations.GroupBy(l => l.SiloName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));
    }

    private static async Task<bool> Ok(Task call)
    {
        await call;
        return true;
    }

    private sealed record DemoStep(string Step, string Outcome, string ServedBy);
}
