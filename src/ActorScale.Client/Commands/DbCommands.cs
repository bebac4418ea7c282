using System.CommandLine;
using ActorScale.Lab.Database;
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
            var applied = await DatabaseMigration.MigrateAsync(DatabaseSettings.FromEnvironment(), ctx.Home, ctx.Out, ctx.CancellationToken);
            ctx.Out.Say(applied.Count == 0 ? $"schema already at version {PostgresSchema.RequiredVersion}" : $"[green]applied[/] {Markup.Escape(string.Join(", ", applied))}; schema at version {PostgresSchema.RequiredVersion}");
            return ctx.Out.Success(new { applied, version = PostgresSchema.RequiredVersion });
        }));
}
