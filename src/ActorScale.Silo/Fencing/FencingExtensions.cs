using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ActorScale.Silo.Fencing;

/// <summary>Self-fencing on a silo: the lease service peers renew, the renewer, the lease and the call filter that enforces it.</summary>
public static class FencingExtensions
{
    public static ISiloBuilder AddActorScaleFencing(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<FencingOptions>().Bind(configuration.GetSection(FencingOptions.Section))
            .Validate<IOptions<ClusterMembershipOptions>>((fencing, membership) => LeaseArithmetic.FindProblem(membership.Value, fencing) is null, "unsafe fencing settings (see the start-up line)")
            .ValidateOnStart();
        silo.Services.AddSingleton<SiloLease>();
        silo.Services.AddSingleton<LeaseServiceClient>();
        silo.Services.AddHostedService<LeaseRenewer>();
        silo.AddGrainService<LeaseService>();
        silo.AddIncomingGrainCallFilter<FencingCallFilter>();
        return silo;
    }

    /// <summary>Null when the configured lease is safe, else one line: checked before the silo starts.</summary>
    public static string? FindProblem(IConfiguration configuration)
    {
        var membership = new ClusterMembershipOptions();
        configuration.GetSection("Orleans:Membership").Bind(membership);
        var fencing = configuration.GetSection(FencingOptions.Section).Get<FencingOptions>() ?? new FencingOptions();
        return LeaseArithmetic.FindProblem(membership, fencing);
    }
}
