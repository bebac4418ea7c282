using System.Net;
using System.Text.Json.Nodes;
using ActorScale.Domain.Admission;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>
/// README's HTTP API contract as tests that any server of it must pass: one subclass per target (the silos, each design
/// of the stateless baseline), which says where the target's entry points are and the shape of its tokens. Requests are
/// spread over the entry points (register through one, read through the next), because any of them must serve any user.
/// The revocation tests are virtual only so that the plain <c>jwt</c> design, which cannot revoke, can skip them by name.
/// </summary>
public abstract class ApiContractTests
{
    private const string Password = TestUsers.Password;
    private const string Lamp = "lamp-desk";
    private const long LampCents = 3450;

    /// <summary>The target's entry points (at least one): base addresses such as <c>http://127.0.0.1:8080/</c>.</summary>
    protected abstract IReadOnlyList<Uri> BaseAddresses { get; }

    protected ApiClient First => Via(0);

    protected ApiClient Second => Via(1);

    /// <summary>
    /// Whether a read through any entry point shows every write acknowledged before it was sent (read-your-writes). False
    /// only for <c>read-replica</c>, whose cart reads come from a replica that may not have replayed the newest commit
    /// yet: there the tests that read a write back are expected to see a stale cart at first, and read again until the
    /// write shows (within 5 s). How often and for how long reads are stale is what bench's read-your-writes probe measures.
    /// </summary>
    protected virtual bool ReadsItsWrites => true;

    /// <summary>The target's token format; by default the opaque <c>as1.{user}.{secret}</c> of the grains.</summary>
    protected virtual void AssertTokenShape(string user, string? token) =>
        Assert.StartsWith($"as1.{user}.", token, StringComparison.Ordinal);

    [Fact]
    public async Task Register_NewUser_Returns201WithCaseFoldedUserId()
    {
        var user = TestUsers.NewId("reg");

        var response = await First.PostAsync("/api/users", new { userId = user.ToUpperInvariant(), password = Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(user, (string?)(await ApiClient.JsonAsync(response))["userId"]);
    }

    [Fact]
    public async Task Register_ExistingUser_Returns409UserExists()
    {
        var user = await RegisterAsync("dup");

        var response = await Second.PostAsync("/api/users", new { userId = user, password = Password });

        await ProblemAssert.IsAsync(response, HttpStatusCode.Conflict, "UserExists");
    }

    [Theory]
    [InlineData("x!")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Register_BadUserId_Returns400InvalidUserId(string? user)
    {
        var response = await First.PostAsync("/api/users", new { userId = user, password = Password });

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "InvalidUserId");
    }

    [Fact]
    public async Task Register_ShortPassword_Returns400InvalidPassword()
    {
        var response = await First.PostAsync("/api/users", new { userId = TestUsers.NewId("pw"), password = "short" });

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "InvalidPassword");
    }

    [Theory]
    [InlineData("/api/users", "{\"userId\": \"abc\",")]
    [InlineData("/api/sessions", "not json")]
    [InlineData("/api/users", "{\"userId\": \"abc\", \"password\": 12345678}")]
    public async Task Post_MalformedJson_Returns400BadRequest(string path, string json)
    {
        var response = await First.PostRawAsync(path, json);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task Post_NoBody_Returns400BadRequest()
    {
        var response = await First.PostAsync("/api/users");

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task Login_RightPassword_Returns201WithTokenAndExpiries()
    {
        var user = await RegisterAsync("login");

        var response = await Second.PostAsync("/api/sessions", new { userId = user, password = Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await ApiClient.JsonAsync(response);
        AssertTokenShape(user, (string?)session["token"]);
        Assert.Equal(user, (string?)session["userId"]);
        Assert.True(session["expiresAt"]!.GetValue<DateTimeOffset>() >= session["idleExpiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401InvalidCredentials()
    {
        var user = await RegisterAsync("wrongpw");

        var response = await Second.PostAsync("/api/sessions", new { userId = user, password = "not the password" });

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidCredentials");
    }

    [Fact]
    public async Task Login_UnknownUser_Returns401InvalidCredentials()
    {
        var response = await First.PostAsync("/api/sessions", new { userId = TestUsers.NewId("ghost"), password = Password });

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidCredentials");
    }

    [Fact]
    public async Task Login_ManyWrongPasswordsFromOneAddress_Returns429ForThatAddress_RightPasswordFromAnotherLogsIn()
    {
        const string Attacker = "203.0.113.50";
        var user = await RegisterAsync("guess");
        var wrong = new { userId = user, password = "not the password" };
        for (var attempt = 0; attempt < new AdmissionOptions().LoginFreeFailures; attempt++)
        {
            await ProblemAssert.IsAsync(await First.PostFromAsync(Attacker, "/api/sessions", wrong), HttpStatusCode.Unauthorized, "InvalidCredentials");
        }

        var throttled = await First.PostFromAsync(Attacker, "/api/sessions", new { userId = user, password = Password });
        var owner = await First.PostFromAsync("198.51.100.60", "/api/sessions", new { userId = user, password = Password });

        await ProblemAssert.IsAsync(throttled, HttpStatusCode.TooManyRequests, "TooManyRequests");
        Assert.Equal(HttpStatusCode.Created, owner.StatusCode);
    }

    [Fact]
    public async Task Login_UnknownUserAfterManyFailures_SameAnswersAsAnExistingUser()
    {
        const string Attacker = "203.0.113.51";
        var ghost = new { userId = TestUsers.NewId("ghost"), password = "not the password" };
        for (var attempt = 0; attempt < new AdmissionOptions().LoginFreeFailures; attempt++)
        {
            await ProblemAssert.IsAsync(await First.PostFromAsync(Attacker, "/api/sessions", ghost), HttpStatusCode.Unauthorized, "InvalidCredentials");
        }

        await ProblemAssert.IsAsync(await First.PostFromAsync(Attacker, "/api/sessions", ghost), HttpStatusCode.TooManyRequests, "TooManyRequests");
    }

    [Fact]
    public async Task Me_ValidToken_Returns200Session()
    {
        var (user, token) = await SignUpAsync("me");

        var response = await First.GetAsync("/api/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await ApiClient.JsonAsync(response);
        Assert.Equal(user, (string?)me["userId"]);
        Assert.Equal(1, (int?)me["activeSessions"]);
        Assert.NotNull(me["createdAt"]);
        Assert.NotNull(me["expiresAt"]);
        Assert.NotNull(me["idleExpiresAt"]);
    }

    [Fact]
    public async Task Me_NoAuthorizationHeader_Returns401InvalidToken()
    {
        var response = await First.GetAsync("/api/me");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidToken");
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer as1.someone.tooshort")]
    public async Task Me_MalformedToken_Returns401InvalidToken(string authorization)
    {
        var response = await First.GetWithAuthorizationAsync("/api/me", authorization);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidToken");
    }

    [Fact]
    public async Task Me_WellFormedButUnknownToken_Returns401InvalidToken()
    {
        var (user, _) = await SignUpAsync("forged");

        var response = await Second.GetAsync("/api/me", $"as1.{user}.{new string('A', 43)}");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidToken");
    }

    [Fact]
    public virtual async Task Logout_ThenAnyEntryPoint_Returns401TokenRevoked()
    {
        var (_, token) = await SignUpAsync("logout");

        var logout = await First.DeleteAsync("/api/sessions/current", token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await ProblemAssert.IsAsync(await Second.GetAsync("/api/me", token), HttpStatusCode.Unauthorized, "TokenRevoked");
        await ProblemAssert.IsAsync(await First.GetAsync("/api/cart", token), HttpStatusCode.Unauthorized, "TokenRevoked");
    }

    [Fact]
    public virtual async Task RevokeAll_TwoSessions_Returns200Count_AndEndsBoth()
    {
        var (user, first) = await SignUpAsync("revoke");
        var second = await LoginAsync(Second, user);

        var response = await First.PostAsync("/api/sessions/revoke-all", token: first);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int?)(await ApiClient.JsonAsync(response))["revoked"]);
        await ProblemAssert.IsAsync(await Second.GetAsync("/api/me", second), HttpStatusCode.Unauthorized, "TokenRevoked");
        await ProblemAssert.IsAsync(await Second.GetAsync("/api/me", first), HttpStatusCode.Unauthorized, "TokenRevoked");
    }

    [Fact]
    public async Task Cart_NewUser_Returns200EmptyCart()
    {
        var (user, token) = await SignUpAsync("empty");

        var response = await First.GetAsync("/api/cart", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = await ApiClient.JsonAsync(response);
        Assert.Equal(user, (string?)cart["userId"]);
        Assert.Empty(cart["lines"]!.AsArray());
        Assert.Equal(0, (int?)cart["version"]);
        Assert.Equal(0, (long?)cart["totalCents"]);
    }

    [Fact]
    public async Task AddItem_ThroughOneEntryPoint_IsReadThroughAnother_WithPricesInCents()
    {
        var (_, token) = await SignUpAsync("add");

        var added = await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var update = await ApiClient.JsonAsync(added);
        Assert.False((bool?)update["replayed"]);
        Assert.Equal(1, (int?)update["appliedAtVersion"]);
        Assert.True(Guid.TryParse((string?)update["operationId"], out _));
        var cart = await ReadBackAsync(Second, "/api/cart", token, c => (int?)c["version"] >= 1);
        var line = Assert.Single(cart["lines"]!.AsArray())!;
        Assert.Equal((Lamp, "Desk lamp", 2, LampCents, 2 * LampCents), ((string?)line["sku"], (string?)line["name"], (int?)line["quantity"], (long?)line["unitPriceCents"], (long?)line["lineTotalCents"]));
        Assert.Equal(2 * LampCents, (long?)cart["totalCents"]);
    }

    [Fact]
    public async Task AddItem_SameIdempotencyKeyTwice_AppliedOnce_SecondReplayed()
    {
        var (_, token) = await SignUpAsync("idem");
        var key = Guid.NewGuid().ToString();

        var first = await ApiClient.JsonAsync(await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token, key));
        var retry = await Second.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token, key);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var replayed = await ApiClient.JsonAsync(retry);
        Assert.Equal((key, false), ((string?)first["operationId"], (bool?)first["replayed"]));
        Assert.Equal((key, true), ((string?)replayed["operationId"], (bool?)replayed["replayed"]));
        Assert.Equal((int?)first["appliedAtVersion"], (int?)replayed["appliedAtVersion"]);
        Assert.Equal(2, (int?)Assert.Single(replayed["cart"]!["lines"]!.AsArray())!["quantity"]);
    }

    [Fact]
    public async Task AddItem_WithoutIdempotencyKey_EachRequestApplied()
    {
        var (_, token) = await SignUpAsync("noidem");

        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token);
        var second = await ApiClient.JsonAsync(await Second.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token));

        Assert.Equal(2, (int?)Assert.Single(second["cart"]!["lines"]!.AsArray())!["quantity"]);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task AddItem_IdempotencyKeyNotAGuid_Returns400InvalidOperationId(string key)
    {
        var (_, token) = await SignUpAsync("badkey");

        var response = await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token, key);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "InvalidOperationId");
        Assert.Empty((await ApiClient.JsonAsync(await Second.GetAsync("/api/cart", token)))["lines"]!.AsArray());
    }

    [Theory]
    [InlineData("no-such-product", 1, HttpStatusCode.UnprocessableEntity, "UnknownSku")]
    [InlineData("bad sku!", 1, HttpStatusCode.BadRequest, "InvalidSku")]
    [InlineData(Lamp, 0, HttpStatusCode.BadRequest, "InvalidQuantity")]
    [InlineData(Lamp, 1000, HttpStatusCode.BadRequest, "InvalidQuantity")]
    public async Task AddItem_Rejected_ReturnsTheRuleBroken(string sku, int quantity, HttpStatusCode status, string code)
    {
        var (_, token) = await SignUpAsync("reject");

        var response = await First.PostAsync("/api/cart/items", new { sku, quantity }, token);

        await ProblemAssert.IsAsync(response, status, code);
    }

    [Fact]
    public async Task AddItem_MalformedJson_Returns400BadRequest()
    {
        var (_, token) = await SignUpAsync("badjson");

        var response = await First.PostRawAsync("/api/cart/items", "{\"sku\": \"lamp-desk\", \"quantity\": \"two\"}", token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task AddItem_QuantityAsJsonString_Returns400BadRequest_AndChangesNothing()
    {
        var (_, token) = await SignUpAsync("strict");

        var response = await First.PostRawAsync("/api/cart/items", "{\"sku\": \"lamp-desk\", \"quantity\": \"3\"}", token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Empty((await ApiClient.JsonAsync(await Second.GetAsync("/api/cart", token)))["lines"]!.AsArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_BodyLargerThanTheLimit_Returns413PayloadTooLarge(bool chunked)
    {
        var json = $"{{\"userId\": \"{TestUsers.NewId("big")}\", \"password\": \"{new string('p', 10_000)}\"}}";

        var response = chunked
            ? await First.PostAsync("/api/users", new { userId = TestUsers.NewId("big"), password = new string('p', 10_000) })
            : await First.PostRawAsync("/api/users", json);

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
    }

    [Fact]
    public async Task SetItem_Returns200WithTheNewQuantity()
    {
        var (_, token) = await SignUpAsync("set");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token);

        var response = await Second.PutAsync($"/api/cart/items/{Lamp}", new { quantity = 5 }, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single((await ApiClient.JsonAsync(response))["cart"]!["lines"]!.AsArray())!;
        Assert.Equal(5, (int?)line["quantity"]);
    }

    [Fact]
    public async Task RemoveItem_InCart_Returns200WithoutTheLine()
    {
        var (_, token) = await SignUpAsync("remove");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token);

        var response = await Second.DeleteAsync($"/api/cart/items/{Lamp}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await ApiClient.JsonAsync(response))["cart"]!["lines"]!.AsArray());
    }

    [Fact]
    public async Task RemoveItem_NotInCart_Returns422NotInCart()
    {
        var (_, token) = await SignUpAsync("notin");

        var response = await First.DeleteAsync($"/api/cart/items/{Lamp}", token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.UnprocessableEntity, "NotInCart");
    }

    [Fact]
    public async Task ClearCart_Returns200EmptyCart()
    {
        var (_, token) = await SignUpAsync("clear");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token);
        await First.PostAsync("/api/cart/items", new { sku = "pen-gel.black", quantity = 3 }, token);

        var response = await Second.DeleteAsync("/api/cart", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = (await ApiClient.JsonAsync(response))["cart"]!;
        Assert.Empty(cart["lines"]!.AsArray());
        Assert.Equal(0, (long?)cart["totalCents"]);
    }

    [Fact]
    public async Task Checkout_WithItems_Returns201Order_EmptiesTheCart_AndListsTheOrder()
    {
        var (_, token) = await SignUpAsync("checkout");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token);
        var key = Guid.NewGuid().ToString();

        var response = await Second.PostAsync("/api/cart/checkout", token: token, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await ApiClient.JsonAsync(response);
        Assert.Equal((key, 2 * LampCents), ((string?)order["operationId"], (long?)order["totalCents"]));
        Assert.Equal(Lamp, (string?)Assert.Single(order["lines"]!.AsArray())!["sku"]);
        Assert.NotNull(order["placedAt"]);
        Assert.Empty((await ReadBackAsync(First, "/api/cart", token, c => c["lines"]!.AsArray().Count == 0))["lines"]!.AsArray());
        var orders = (await ApiClient.JsonAsync(await First.GetAsync("/api/orders", token))).AsArray();
        Assert.Equal((string?)order["orderId"], (string?)Assert.Single(orders)!["orderId"]);
    }

    [Fact]
    public async Task Checkout_EmptyCart_Returns422EmptyCart()
    {
        var (_, token) = await SignUpAsync("emptyco");

        var response = await First.PostAsync("/api/cart/checkout", token: token, idempotencyKey: Guid.NewGuid().ToString());

        await ProblemAssert.IsAsync(response, HttpStatusCode.UnprocessableEntity, "EmptyCart");
    }

    [Fact]
    public async Task Checkout_WithoutIdempotencyKey_Returns400IdempotencyKeyRequired_AndPlacesNothing()
    {
        var (_, token) = await SignUpAsync("cokey");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token);

        var response = await Second.PostAsync("/api/cart/checkout", token: token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "IdempotencyKeyRequired");
        Assert.Single((await ReadBackAsync(First, "/api/cart", token, c => (int?)c["version"] >= 1))["lines"]!.AsArray());
        Assert.Empty((await ApiClient.JsonAsync(await First.GetAsync("/api/orders", token))).AsArray());
    }

    [Fact]
    public async Task Checkout_RetriedWithSameKey_SameOrder_PlacedOnce()
    {
        var (_, token) = await SignUpAsync("coretry");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token);
        var key = Guid.NewGuid().ToString();

        var first = await ApiClient.JsonAsync(await First.PostAsync("/api/cart/checkout", token: token, idempotencyKey: key));
        var retry = await Second.PostAsync("/api/cart/checkout", token: token, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((string?)first["orderId"], (string?)(await ApiClient.JsonAsync(retry))["orderId"]);
        Assert.Single((await ApiClient.JsonAsync(await First.GetAsync("/api/orders", token))).AsArray());
    }

    [Fact]
    public async Task AddItem_SameKeyWithAnotherPayload_Returns422IdempotencyKeyReused_AndChangesNothing()
    {
        var (_, token) = await SignUpAsync("reuse");
        var key = Guid.NewGuid().ToString();
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token, key);

        var other = await Second.PostAsync("/api/cart/items", new { sku = "mug-espresso", quantity = 1 }, token, key);
        var otherKind = await First.PutAsync($"/api/cart/items/{Lamp}", new { quantity = 5 }, token, key);

        await ProblemAssert.IsAsync(other, HttpStatusCode.UnprocessableEntity, "IdempotencyKeyReused");
        await ProblemAssert.IsAsync(otherKind, HttpStatusCode.UnprocessableEntity, "IdempotencyKeyReused");
        var line = Assert.Single((await ReadBackAsync(First, "/api/cart", token, c => (int?)c["version"] >= 1))["lines"]!.AsArray())!;
        Assert.Equal((Lamp, 1), ((string?)line["sku"], (int?)line["quantity"]));
    }

    [Fact]
    public virtual async Task Logout_WithAnotherSessionsKey_Returns422_AndTheSessionStaysLive()
    {
        var (user, first) = await SignUpAsync("lokey");
        var second = await LoginAsync(First, user);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await First.DeleteAsync("/api/sessions/current", first, key)).StatusCode);

        var reused = await Second.DeleteAsync("/api/sessions/current", second, key);

        await ProblemAssert.IsAsync(reused, HttpStatusCode.UnprocessableEntity, "IdempotencyKeyReused");
        Assert.Equal(HttpStatusCode.OK, (await First.GetAsync("/api/me", second)).StatusCode);
    }

    [Fact]
    public virtual async Task Logout_RetriedWithSameTokenAndKey_Returns204Again()
    {
        var (_, token) = await SignUpAsync("loretry");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await First.DeleteAsync("/api/sessions/current", token, key)).StatusCode);

        var retry = await Second.DeleteAsync("/api/sessions/current", token, key);

        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
    }

    [Fact]
    public virtual async Task SessionOperations_MadeUpTokenWithAUsedKey_Return401_NotAReplay()
    {
        var (user, token) = await SignUpAsync("lomade");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await First.DeleteAsync("/api/sessions/current", token, key)).StatusCode);
        var madeUp = MadeUpToken(user);

        var logout = await Second.DeleteAsync("/api/sessions/current", madeUp, key);
        var revokeAll = await First.PostAsync("/api/sessions/revoke-all", token: madeUp, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Unauthorized, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revokeAll.StatusCode);
    }

    [Fact]
    public async Task Orders_Paged_LimitAndAfter_WithLinkToTheNextPage()
    {
        var (_, token) = await SignUpAsync("paged");
        for (var i = 0; i < 3; i++)
        {
            await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token);
            Assert.Equal(HttpStatusCode.Created, (await Second.PostAsync("/api/cart/checkout", token: token, idempotencyKey: Guid.NewGuid().ToString())).StatusCode);
        }

        var firstPage = await First.GetAsync("/api/orders?limit=2", token);
        var rest = await Second.GetAsync("/api/orders?after=ord-000002&limit=2", token);

        Assert.Equal(["ord-000001", "ord-000002"], (await ApiClient.JsonAsync(firstPage)).AsArray().Select(o => (string?)o!["orderId"]));
        Assert.Contains("after=ord-000002", firstPage.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(["ord-000003"], (await ApiClient.JsonAsync(rest)).AsArray().Select(o => (string?)o!["orderId"]));
        Assert.False(rest.Headers.Contains("Link"));
        await ProblemAssert.IsAsync(await First.GetAsync("/api/orders?limit=1000", token), HttpStatusCode.BadRequest, "BadRequest");
        await ProblemAssert.IsAsync(await First.GetAsync("/api/orders?after=yesterday", token), HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task Orders_NewUser_Returns200EmptyList()
    {
        var (_, token) = await SignUpAsync("orders");

        var response = await First.GetAsync("/api/orders", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await ApiClient.JsonAsync(response)).AsArray());
    }

    [Fact]
    public async Task UserCart_Own_Returns200Cart()
    {
        var (user, token) = await SignUpAsync("own");
        await First.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token);

        var response = await Second.GetAsync($"/api/users/{user}/cart", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await ReadBackAsync(Second, $"/api/users/{user}/cart", token, c => (int?)c["version"] >= 1))["lines"]!.AsArray());
    }

    [Fact]
    public async Task UserCart_AnotherUsersCart_Returns403Forbidden()
    {
        var (victim, _) = await SignUpAsync("victim");
        var (_, token) = await SignUpAsync("snoop");

        var response = await Second.GetAsync($"/api/users/{victim}/cart", token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public virtual async Task UserCart_AnotherUsersCartWithRevokedToken_Returns401TokenRevoked()
    {
        var (victim, _) = await SignUpAsync("victim");
        var (_, token) = await SignUpAsync("snoop");
        await First.DeleteAsync("/api/sessions/current", token);

        var response = await Second.GetAsync($"/api/users/{victim}/cart", token);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "TokenRevoked");
    }

    [Fact]
    public async Task Catalog_Returns200ProductsWithPricesInCents()
    {
        var response = await First.GetAsync("/api/catalog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lamp = (await ApiClient.JsonAsync(response)).AsArray().Single(p => (string?)p!["sku"] == Lamp)!;
        Assert.Equal(("Desk lamp", LampCents), ((string?)lamp["name"], (long?)lamp["priceCents"]));
    }

    [Fact]
    public async Task EveryUserRoute_AndEveryError_AnswersNoStore_VaryAuthorization()
    {
        var user = TestUsers.NewId("nostore");
        var answers = new List<(string Route, HttpResponseMessage Response)>
        {
            ("POST /api/users", await First.PostAsync("/api/users", new { userId = user, password = Password })),
        };
        var login = await Second.PostAsync("/api/sessions", new { userId = user, password = Password });
        answers.Add(("POST /api/sessions", login));
        var token = (string)(await ApiClient.JsonAsync(login))["token"]!;
        answers.Add(("GET /api/me", await First.GetAsync("/api/me", token)));
        answers.Add(("POST /api/cart/items", await Second.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 2 }, token)));
        answers.Add(("PUT /api/cart/items/{sku}", await First.PutAsync($"/api/cart/items/{Lamp}", new { quantity = 3 }, token)));
        answers.Add(("GET /api/cart", await Second.GetAsync("/api/cart", token)));
        answers.Add(("GET /api/users/{userId}/cart", await First.GetAsync($"/api/users/{user}/cart", token)));
        answers.Add(("POST /api/cart/checkout", await Second.PostAsync("/api/cart/checkout", token: token, idempotencyKey: Guid.NewGuid().ToString())));
        answers.Add(("GET /api/orders", await First.GetAsync("/api/orders", token)));
        answers.Add(("POST /api/cart/items (again)", await Second.PostAsync("/api/cart/items", new { sku = Lamp, quantity = 1 }, token)));
        answers.Add(("DELETE /api/cart/items/{sku}", await First.DeleteAsync($"/api/cart/items/{Lamp}", token)));
        answers.Add(("DELETE /api/cart", await Second.DeleteAsync("/api/cart", token)));
        answers.Add(("POST /api/sessions/revoke-all", await First.PostAsync("/api/sessions/revoke-all", token: token)));
        answers.Add(("DELETE /api/sessions/current", await Second.DeleteAsync("/api/sessions/current", token)));
        answers.Add(("GET /api/cart without a token (401)", await First.GetAsync("/api/cart")));
        answers.Add(("GET /api/no-such-route (404)", await First.GetAsync("/api/no-such-route")));
        answers.Add(("GET /health/live", await First.GetAsync("/health/live")));
        answers.Add(("GET /health/ready", await First.GetAsync("/health/ready")));

        var wrong = answers
            .Where(answer => answer.Response.Headers.CacheControl?.NoStore != true || !answer.Response.Headers.Vary.Contains("Authorization"))
            .Select(answer => $"{answer.Route} ({(int)answer.Response.StatusCode}): Cache-Control '{answer.Response.Headers.CacheControl}', Vary '{string.Join(",", answer.Response.Headers.Vary)}'");
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("/api/catalog")]
    [InlineData("/openapi/v1.json")]
    public async Task PublicDocument_CarriesETagAndMaxAge_AndAConditionalGetAnswers304(string path)
    {
        var first = await First.GetAsync(path);
        var tag = first.Headers.ETag;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(tag is { IsWeak: false }, $"{path}: ETag '{tag}'");
        Assert.True(first.Headers.CacheControl is { Public: true, NoStore: false, MaxAge: { } maxAge } && maxAge > TimeSpan.Zero, $"{path}: Cache-Control '{first.Headers.CacheControl}'");

        // Every entry point is the same build with the same catalog: the same tag, and a 304 for it.
        using var http = new HttpClient();
        foreach (var address in BaseAddresses)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path));
            request.Headers.IfNoneMatch.Add(tag!);
            using var again = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Equal(tag, again.Headers.ETag);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddresses[0], path));
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"not-the-tag\""));
        using var changed = await http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task Health_EveryEntryPoint_IsLiveAndReady()
    {
        foreach (var address in BaseAddresses)
        {
            var api = new ApiClient(address);
            foreach (var (path, status) in new[] { ("/health/live", "live"), ("/health/ready", "ready") })
            {
                var response = await api.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}{path[1..]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Equal(status, (string?)(await ApiClient.JsonAsync(response))["status"]);
            }
        }
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryRoute()
    {
        var response = await First.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await ApiClient.JsonAsync(response))["paths"]!.AsObject();
        var expected = new[]
        {
            ("/api/users", "post"), ("/api/sessions", "post"), ("/api/me", "get"), ("/api/sessions/current", "delete"),
            ("/api/sessions/revoke-all", "post"), ("/api/cart", "get"), ("/api/users/{userId}/cart", "get"), ("/api/cart/items", "post"),
            ("/api/cart/items/{sku}", "put"), ("/api/cart/items/{sku}", "delete"), ("/api/cart", "delete"), ("/api/cart/checkout", "post"),
            ("/api/orders", "get"), ("/api/catalog", "get"), ("/health/live", "get"), ("/health/ready", "get"),
        };
        var missing = expected.Where(route => paths[route.Item1]?[route.Item2] is null).Select(route => $"{route.Item2.ToUpperInvariant()} {route.Item1}");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemWithCode()
    {
        var response = await First.GetAsync("/api/no-such-route");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "BadRequest");
    }

    protected ApiClient Via(int entry) => new(BaseAddresses[entry % BaseAddresses.Count]);

    /// <summary>
    /// A GET of <paramref name="path"/> right after a write: its first answer, which must already show the write
    /// (<paramref name="shows"/> is then left to the test's own asserts); where the target does not read its writes
    /// (<see cref="ReadsItsWrites"/>), the first answer that shows it, within 5 s.
    /// </summary>
    protected async Task<JsonNode> ReadBackAsync(ApiClient entry, string path, string token, Func<JsonNode, bool> shows) =>
        ReadsItsWrites
            ? await ApiClient.JsonAsync(await entry.GetAsync(path, token))
            : await Eventually.ReturnsAsync(
                $"GET {path} showing the write acknowledged before it (the replica replayed it)",
                async () => await ApiClient.JsonAsync(await entry.GetAsync(path, token)),
                shows,
                TimeSpan.FromSeconds(5));

    /// <summary>A token of the target's shape for <paramref name="user"/> that the target never issued.</summary>
    protected virtual string MadeUpToken(string user) =>
        $"as1.{user}.{System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}";

    private async Task<string> RegisterAsync(string prefix)
    {
        var user = TestUsers.NewId(prefix);
        var response = await First.PostAsync("/api/users", new { userId = user, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return user;
    }

    private static async Task<string> LoginAsync(ApiClient via, string user)
    {
        var response = await via.PostAsync("/api/sessions", new { userId = user, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"login {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (string)(await ApiClient.JsonAsync(response))["token"]!;
    }

    /// <summary>A new user, registered through the first entry point and logged in through the second.</summary>
    protected async Task<(string User, string Token)> SignUpAsync(string prefix)
    {
        var user = await RegisterAsync(prefix);
        return (user, await LoginAsync(Second, user));
    }
}
