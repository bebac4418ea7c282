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

    /// <summary>The user grain's cart and orders.</summary>
    public const string Cart = "user-cart";
}
