namespace ActorScale.Grains.Users;

/// <summary>
/// The silo whose HTTP API received the request a grain call serves, carried in the call's <see cref="RequestContext"/>.
/// The load balancer sends each user to one silo, so the front door is where the user's grain should live.
/// </summary>
public static class FrontDoor
{
    public const string Key = "actorscale.front-door";

    /// <summary>Marks the calls made from here on (this async flow) as served for this silo's front door.</summary>
    public static void Set(SiloAddress silo) => RequestContext.Set(Key, silo);

    /// <summary>The front door of the call being served, or null for a call that came through a gateway (a client).</summary>
    public static SiloAddress? Current => RequestContext.Get(Key) as SiloAddress;
}
