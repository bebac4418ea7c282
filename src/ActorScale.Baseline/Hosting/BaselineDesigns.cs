namespace ActorScale.Baseline.Hosting;

/// <summary>The designs' names on the command line and in configuration.</summary>
public static class BaselineDesigns
{
    public const string RedisSession = "redis-session";
    public const string Jwt = "jwt";
    public const string JwtDenylist = "jwt-denylist";

    public static BaselineDesign Parse(string name) => name switch
    {
        RedisSession => BaselineDesign.RedisSession,
        Jwt => BaselineDesign.Jwt,
        JwtDenylist => BaselineDesign.JwtDenylist,
        _ => throw new ArgumentException($"unknown design '{name}': {RedisSession}, {Jwt} or {JwtDenylist}", nameof(name)),
    };
}
