namespace ActorScale.Silo.Hosting;

/// <summary>How a silo hands its users over when it stops gracefully; bound from <c>ActorScale:Drain</c>.</summary>
public sealed class DrainOptions
{
    public const string Section = "ActorScale:Drain";

    /// <summary>The longest a stopping silo waits for its users' requests to arrive elsewhere and pull their grains over. Default 10 s.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The drain ends early once no request has reached this silo's grains for this long. Default 1.5 s.</summary>
    public TimeSpan Quiet { get; set; } = TimeSpan.FromSeconds(1.5);
}
