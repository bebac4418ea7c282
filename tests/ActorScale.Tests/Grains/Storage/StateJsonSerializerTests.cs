using System.Text.Json;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;
using ActorScale.Grains.Storage;

namespace ActorScale.Tests.Grains.Storage;

public sealed class StateJsonSerializerTests
{
    private readonly StateJsonSerializer _serializer = new();

    [Fact]
    public void CartState_RoundTrips_EveryMember()
    {
        var cart = SampleCart();

        var copy = _serializer.Deserialize<CartState>(_serializer.Serialize(cart));

        Assert.Equal(Json(cart), Json(copy));
        Assert.Equal(2, copy.Lines[1].Quantity);
        Assert.Equal(1999, copy.Orders![0].Lines[0].UnitPriceCents);
        Assert.Equal(cart.Operations[0].Id, copy.Operations[0].Id);
    }

    [Fact]
    public void UserSessionState_RoundTrips_EveryMember()
    {
        var state = new UserSessionState
        {
            PasswordHash = PasswordHasher.Hash("password", 1000),
            RegisteredAt = DateTimeOffset.UnixEpoch,
            FailedLogins = 2,
            LockedUntil = DateTimeOffset.UnixEpoch.AddMinutes(1),
            Sessions = [new SessionRecord { Digest = "d1", CreatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch.AddDays(1), LastSeenAt = DateTimeOffset.UnixEpoch }],
            Ended = [new EndedSessionRecord { Digest = "d0", Reason = TokenStatus.Revoked, KeepUntil = DateTimeOffset.UnixEpoch }],
            Operations = [new OperationRecord { Id = Guid.NewGuid(), Version = 1 }],
            Version = 9,
        };

        var copy = _serializer.Deserialize<UserSessionState>(_serializer.Serialize(state));

        Assert.Equal(Json(state), Json(copy));
        Assert.True(copy.IsRegistered);
        Assert.Contains("\"reason\":\"Revoked\"", _serializer.Serialize(state).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StatesReadFromStorage_HoldListsNoLargerThanTheirContents()
    {
        // An activation keeps its state in memory for as long as its user is active: a list grown to 4 slots for 1 item
        // costs 24 bytes a user, times the users a silo holds.
        var session = new UserSessionState { Sessions = [new SessionRecord { Digest = "d1" }] };

        var cart = _serializer.Deserialize<CartState>(_serializer.Serialize(new CartState { Lines = [new CartLineState { Sku = "lamp-desk", Quantity = 1 }] }));
        var sessions = _serializer.Deserialize<UserSessionState>(_serializer.Serialize(session));

        Assert.Equal((1, 1), (cart.Lines.Count, cart.Lines.Capacity));
        Assert.Equal((1, 1), (sessions.Sessions.Count, sessions.Sessions.Capacity));
    }

    [Fact]
    public void Payload_CarriesNoTypeNames_SoARenamedStateClassStillReads()
    {
        var payload = _serializer.Serialize(SampleCart());

        var renamed = _serializer.Deserialize<RenamedCartState>(payload);

        Assert.DoesNotContain("$type", payload.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, renamed.Lines.Count + renamed.Orders!.Count);
    }

    [Fact]
    public void StateWrittenByANewerSilo_ReadAndChangedByAnOlderOne_KeepsTheMembersItDoesNotKnow()
    {
        // A newer build added a cart member and a line member; an older silo, mid-roll, reads the cart, changes it, writes it.
        var newer = JsonSerializer.Serialize(new NewerCartState { Version = 4, GiftNote = "for Ada", Lines = [new NewerCartLine { Sku = "a", Quantity = 1, Engraving = "A" }] }, StateJsonSerializer.Options);
        var old = _serializer.Deserialize<CartState>(BinaryData.FromString(newer));
        old.Lines.Add(new CartLineState { Sku = "b", Quantity = 2 });
        old.Version++;

        var back = JsonSerializer.Deserialize<NewerCartState>(_serializer.Serialize(old).ToString(), StateJsonSerializer.Options)!;

        Assert.Equal("for Ada", back.GiftNote);
        Assert.Equal("A", back.Lines[0].Engraving);
        Assert.Equal(["a", "b"], back.Lines.Select(l => l.Sku));
        Assert.Equal(5, back.Version);
    }

    [Fact]
    public void StateCopy_ForAMutation_KeepsTheMembersItDoesNotKnow()
    {
        var newer = JsonSerializer.Serialize(new NewerCartState { Version = 1, GiftNote = "kept" }, StateJsonSerializer.Options);

        var copy = StateJsonSerializer.Clone(_serializer.Deserialize<CartState>(BinaryData.FromString(newer)));

        Assert.Contains("\"giftNote\":\"kept\"", _serializer.Serialize(copy).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadWithAMemberAClassCannotKeep_FailsLoudlyInsteadOfDroppingIt()
    {
        // A class without the extension member (a mistake) must not drop what it does not know.
        var payload = _serializer.Serialize(SampleCart());

        Assert.Throws<JsonException>(() => _serializer.Deserialize<CartStateWithRenamedLines>(payload));
    }

    private static CartState SampleCart() => new()
    {
        Version = 4,
        Lines = [new CartLineState { Sku = "a", Quantity = 1 }, new CartLineState { Sku = "b", Quantity = 2 }],
        Orders = [new OrderState { OrderId = "ord-000001", PlacedAt = DateTimeOffset.UnixEpoch, OperationId = Guid.NewGuid(), Lines = [new OrderLineState { Sku = "c", Name = "C", Quantity = 1, UnitPriceCents = 1999 }] }],
        Operations = [new OperationRecord { Id = Guid.NewGuid(), Version = 4, Result = "ord-000001" }],
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StateJsonSerializer.Options);

    /// <summary>The same members as <see cref="CartState"/> under another class name (a rename refactoring).</summary>
    private sealed class RenamedCartState
    {
        public int Version { get; set; }

        public List<CartLineState> Lines { get; set; } = [];

        public int OrderCount { get; set; }

        public List<OrderState>? Orders { get; set; }

        public List<OperationRecord> Operations { get; set; } = [];
    }

    /// <summary><see cref="CartState"/> as a newer build might write it: one more member on the cart and on a line.</summary>
    private sealed class NewerCartState
    {
        public int Version { get; set; }

        public List<NewerCartLine> Lines { get; set; } = [];

        public int OrderCount { get; set; }

        public List<OrderState>? Orders { get; set; }

        public List<OperationRecord> Operations { get; set; } = [];

        public string? GiftNote { get; set; }
    }

    private sealed class NewerCartLine
    {
        public string Sku { get; set; } = "";

        public int Quantity { get; set; }

        public string? Engraving { get; set; }
    }

    /// <summary><see cref="CartState"/> with <c>Lines</c> renamed and no extension member: the stored lines must not vanish silently.</summary>
    private sealed class CartStateWithRenamedLines
    {
        public int Version { get; set; }

        public List<CartLineState> Items { get; set; } = [];

        public List<OrderState> Orders { get; set; } = [];

        public List<OperationRecord> Operations { get; set; } = [];
    }
}
