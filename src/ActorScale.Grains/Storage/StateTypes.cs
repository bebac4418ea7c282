using ActorScale.Domain.Carts;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;

namespace ActorScale.Grains.Storage;

/// <summary>
/// The rules' state classes (plain classes in Domain), which Orleans carries with <see cref="StateJsonSerializer.Options"/>
/// when a grain moves to another silo with its state in memory (live migration), instead of reading it again.
/// </summary>
public static class StateTypes
{
    private static readonly HashSet<Type> All =
    [
        typeof(UserSessionState), typeof(SessionRecord), typeof(EndedSessionRecord),
        typeof(CartState), typeof(CartLineState), typeof(OrderState), typeof(OrderLineState),
        typeof(OperationRecord),
    ];

    public static bool Contains(Type type) => All.Contains(type);
}
