using ActorScale.Silo.Hosting;
using Orleans.Dashboard;

namespace ActorScale.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard, only where <see cref="SiloSettings.DashboardPassword"/> is configured: at <see cref="Path"/> on
/// the management port (<see cref="SiloSettings.MetricsPort"/>), never on the API's, every route behind
/// <see cref="DashboardAccessFilter"/>. The live log stream is off: logs name users and addresses, and a browser tab left
/// open would copy every line of them to whoever holds the password.
/// </summary>
public static class DashboardExtensions
{
    public const string Path = "/dashboard";

    /// <summary>Adds the dashboard's silo services (every silo of the cluster needs them for the pages to list it).</summary>
    public static ISiloBuilder AddActorScaleDashboard(this ISiloBuilder orleans, DashboardCredential? credential)
    {
        if (credential is not null)
        {
            orleans.Services.AddSingleton(credential);
            orleans.AddDashboard(o => o.HideTrace = true);
        }

        return orleans;
    }

    /// <summary>Maps the dashboard's routes on <paramref name="managementPort"/> when it was added.</summary>
    public static WebApplication MapActorScaleDashboard(this WebApplication app, int managementPort)
    {
        if (managementPort != 0 && app.Services.GetService<DashboardCredential>() is { } credential)
        {
            app.MapOrleansDashboard(Path)
                .RequireHost($"*:{managementPort}")
                .AddEndpointFilter(new DashboardAccessFilter(credential));
        }

        return app;
    }
}
