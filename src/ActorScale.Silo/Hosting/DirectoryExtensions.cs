using ActorScale.Silo.Fencing;
using Orleans.Configuration;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// The grain directory: Orleans' strongly consistent distributed directory instead of its default one.
/// </summary>
/// <remarks>
/// The default directory is eventually consistent while silos join or leave: when a silo joins, the part of the
/// directory it takes over is empty until its predecessor hands the entries over, and a lookup in that gap activates
/// a second copy of a grain that is alive elsewhere (dotnet/orleans#5112, #9074). The hand-over then keeps the newer
/// registration and destroys the older activation, so the survivor may be the copy loaded from storage before the
/// other one acknowledged writes: a cart read without them, a token it never saw (seen in a drain under load: "the
/// token is not known" for a login acknowledged seconds earlier). Its own next write fails the ETag check, so nothing
/// stored is lost, but its reads are stale and a revocation acknowledged by the other copy is not in force in it.
/// The distributed directory hands ranges over in lock step (a new owner serves a range only after it has the
/// previous owner's entries), so there is one activation per user through every join, drain and crash.
/// <para>
/// After a crash that directory also holds the dead silo's registrations for a <em>range lease</em>
/// (<see cref="GrainDirectoryOptions.RangeLeaseDuration"/>, default 30 s, minus the failure detection), so that a silo
/// declared dead while still running cannot serve beside the new activation. Self-fencing already guarantees that:
/// a silo stops serving before anyone can declare it dead (<see cref="LeaseArithmetic"/>). With fencing on, the range
/// lease is therefore off and users come back after a crash as fast as before; with fencing off, Orleans' lease stays.
/// <c>Orleans:Directory</c> in configuration (<see cref="GrainDirectoryOptions"/>) overrides both; not
/// <c>Orleans:GrainDirectory</c>, where Orleans looks for named directory providers.
/// </para>
/// </remarks>
public static class DirectoryExtensions
{
    public static ISiloBuilder AddActorScaleDirectory(this ISiloBuilder silo, IConfiguration configuration)
    {
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10; the default directory's duplicates are the worse risk (see remarks).
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        var fencing = configuration.GetSection(FencingOptions.Section).Get<FencingOptions>() ?? new FencingOptions();
        silo.Configure<GrainDirectoryOptions>(o =>
        {
            o.RangeLeaseDuration = RangeLease(fencing, o.RangeLeaseDuration);
            configuration.GetSection("Orleans:Directory").Bind(o);
        });
        return silo;
    }

    /// <summary>No range lease while self-fencing stops a cut-off silo before its death can be declared; else Orleans' own.</summary>
    public static TimeSpan RangeLease(FencingOptions fencing, TimeSpan orleansDefault) => fencing.Enabled ? TimeSpan.Zero : orleansDefault;
}
