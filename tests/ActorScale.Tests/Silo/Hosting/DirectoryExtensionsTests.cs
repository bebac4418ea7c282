using ActorScale.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ActorScale.Tests.Silo.Hosting;

/// <summary>
/// The silo's grain directory: Orleans' strongly consistent one, with its range lease off while self-fencing is on
/// (a silo stops serving before it can be declared dead, which is what the lease waits for). Built, not started.
/// </summary>
public sealed class DirectoryExtensionsTests
{
    [Fact]
    public void FencingOn_TheDefaultDirectoryIsTheDistributedOne_WithoutARangeLease()
    {
        var builder = Configure([]);
        using var host = builder.Build();

        Assert.Contains(builder.Services, d => d.ServiceType.Name == "DistributedGrainDirectory");
        Assert.Equal(TimeSpan.Zero, host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration);
    }

    [Fact]
    public void FencingOff_OrleansRangeLeaseStays()
    {
        using var host = Build(new() { ["ActorScale:Fencing:Enabled"] = "false" });

        Assert.Equal(GrainDirectoryOptions.DEFAULT_RANGE_LEASE_DURATION, host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration);
    }

    [Fact]
    public void Configuration_OverridesTheDerivedLease()
    {
        using var host = Build(new() { ["Orleans:Directory:RangeLeaseDuration"] = "00:00:05" });

        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.RangeLeaseDuration);
    }

    private static IHost Build(Dictionary<string, string?> settings) => Configure(settings).Build();

    private static HostApplicationBuilder Configure(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddActorScaleDirectory(builder.Configuration);
        });
        return builder;
    }
}
