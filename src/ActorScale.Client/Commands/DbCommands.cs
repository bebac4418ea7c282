using System.CommandLine;
using ActorScale.Hosting;
using ActorScale.Lab;
using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>
/// <c>actorscale db migrate</c>: applies the schema as the owner role. Against the local cluster by default; or, as
/// the compose <c>migrate</c> service does, against <c>ActorScale__Database__*</c> settings (with an admin connection
/// it first creates the roles and the database).
/// </summary>
public static class DbCommands
{
    public static Command Create() => new Command("db", "Database schema").WithSubcommands(
        new Command("migrate", "Apply missing schema migrations (idempotent)").With(async ctx =>
        {
            var settings = DatabaseSettings.FromEnvironment();
            string owner;
            var appRole = settings.AppRole;
            if (settings.OwnerConnectionString is not null)
            {
                if (settings.AdminConnectionString is not null)
                {
                    await ctx.Out.StepAsync("database roles", () => PostgresBootstrap.EnsureAsync(settings.AdminConnection()!, settings.Roles(), ctx.CancellationToken));
                }

                owner = settings.OwnerConnection()!;
            }
            else
            {
                var cluster = new LocalCluster(ctx.Home, ctx.Out);
                owner = cluster.OwnerConnectionString(await cluster.RequireRunningAsync());
                appRole = DatabaseRoles.DefaultAppRole;
            }

            var applied = await ctx.Out.StepAsync("schema migrations", () => PostgresSchema.MigrateAsync(owner, appRole, ctx.CancellationToken));
            ctx.Out.Say(applied.Count == 0 ? $"schema already at version {PostgresSchema.RequiredVersion}" : $"[green]applied[/] {Markup.Escape(string.Join(", ", applied))}; schema at version {PostgresSchema.RequiredVersion}");
            return ctx.Out.Success(new { applied, version = PostgresSchema.RequiredVersion });
        }));
}
