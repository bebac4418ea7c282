namespace ActorScale.Grains.Users;

/// <summary>
/// Storage and state names. The ADO.NET provider keys rows by (service id, state name, key) and not by grain
/// class, so every grain class has state names of its own.
/// </summary>
public static class StateNames
{
    /// <summary>The named grain storage every user grain writes to.</summary>
    public const string Storage = "actorscale";

    public const string Session = "user-session";

    public const string Cart = "user-cart";
}
