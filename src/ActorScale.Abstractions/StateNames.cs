namespace ActorScale.Abstractions;

/// <summary>
/// Storage and state names. The ADO.NET provider keys rows by (service id, state name, key) and not by grain
/// class, so every grain class has state names of its own.
/// </summary>
public static class StateNames
{
    /// <summary>The named grain storage every user grain writes to.</summary>
    public const string Storage = "actorscale";

    /// <summary>The user grain's account and sessions.</summary>
    public const string Session = "user-session";

    /// <summary>The user grain's cart (lines, order count, recent operation ids).</summary>
    public const string Cart = "user-cart";

    /// <summary>A page of the user grain's order history, counted from 0 (<c>ActorScale.Domain.Carts.OrderPaging</c>).</summary>
    public static string OrderPage(int page) => $"user-orders-{page}";
}
