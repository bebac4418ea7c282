namespace ActorScale.Grains.Users;

/// <summary>
/// Per silo: HTTP requests whose user grain answered here (the request arrived at this silo's front door) and those it
/// answered for another silo's front door (the request paid one hop between silos), and the grains that left to follow
/// their users. Read by <c>cluster status</c> through the silo's <c>/silo/routing</c>.
/// </summary>
public sealed class UserRouting
{
    private long _local;
    private long _forwarded;
    private long _migrations;

    public long Local => Interlocked.Read(ref _local);

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Migrations => Interlocked.Read(ref _migrations);

    public void CountLocal() => Interlocked.Increment(ref _local);

    public void CountForwarded() => Interlocked.Increment(ref _forwarded);

    public void CountMigration() => Interlocked.Increment(ref _migrations);
}
