using System.CommandLine;
using ActorScale.Lab;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Database;
using ActorScale.Lab.Sharding;
using ActorScale.Storage.Postgres;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>
/// <c>actorscale db migrate</c>: applies the schema as the owner role. Against the local cluster by default; or, as
/// the compose <c>migrate</c> service does, against <c>ActorScale__Database__*</c> settings (with an admin connection
/// it first creates the roles and the database). <c>actorscale db reshard --to M</c>: moves the local cluster's users
/// to M PostgreSQL shards while it serves.
/// </summary>
public static class DbCommands
{
    private static readonly Option<int> To = new("--to") { Description = $"The shard count to move to (1-{LocalCluster.MaxShards})", Required = true };

    private static readonly Option<double> RowsPerSecond = new("--rows-per-second") { Description = "Move at most this many rows per second, so the live load keeps the databases (0: no limit)", DefaultValueFactory = _ => 0 };

    private static readonly Option<int> SkewUsers = new("--users") { Description = "Ids per set", DefaultValueFactory = _ => 100_000 };

    private static readonly Option<string> SkewShards = new("--shards") { Description = "Shard counts, comma-separated", DefaultValueFactory = _ => "2,4,8" };

    private static readonly Option<int> SkewSeed = new("--seed") { Description = "Seed of the generated ids", DefaultValueFactory = _ => 1 };

    public static Command Create() => new Command("db", "Database schema and shards").WithSubcommands(
        new Command("migrate", "Apply missing schema migrations (idempotent)").With(async ctx =>
        {
            var applied = await DatabaseMigration.MigrateAsync(DatabaseSettings.FromEnvironment(), ctx.Home, ctx.Out, ctx.CancellationToken);
            ctx.Out.Say(applied.Count == 0 ? $"schema already at version {PostgresSchema.RequiredVersion}" : $"[green]applied[/] {Markup.Escape(string.Join(", ", applied))}; schema at version {PostgresSchema.RequiredVersion}");
            return ctx.Out.Success(new { applied, version = PostgresSchema.RequiredVersion });
        }),
        new Command("reshard", "Move the local cluster's users to --to PostgreSQL shards while it serves; an interrupted run is resumed by running it again").Options(To, RowsPerSecond).With(async ctx =>
        {
            if (ctx.Get(RowsPerSecond) < 0)
            {
                throw new UsageException("--rows-per-second must be 0 or more");
            }

            var result = await new Resharder(new LocalCluster(ctx.Home, ctx.Out), ctx.Out).RunAsync(ctx.Get(To), ctx.Get(RowsPerSecond), ctx.CancellationToken);
            ctx.Out.Say($"[green]resharded[/] {result.From} → {result.To} shards{(result.Resumed ? " (resumed)" : "")} in {result.Seconds:0.0} s: {result.UsersMoved} users ({result.RowsMoved} rows) moved");
            return ctx.Out.Success(result);
        }),
        new Command("skew", "How evenly our jump hash, the seed's hash % N and range sharding by first letter spread user ids over N shards, and how many users each moves when a shard is added (no cluster needed)").Options(SkewUsers, SkewShards, SkewSeed).With(ctx =>
        {
            var shards = ctx.Get(SkewShards).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(text => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1024 ? n : throw new UsageException($"--shards takes whole numbers from 1 to 1024, comma-separated; '{text}' is not one"))
                .ToList();
            if (ctx.Get(SkewUsers) is < 1 or > 10_000_000)
            {
                throw new UsageException("--users takes 1 to 10 000 000");
            }

            var results = KeySkew.Measure(ctx.Get(SkewUsers), shards, ctx.Get(SkewSeed));
            var table = new Table().AddColumns("Ids", "Placement", "Shards", "Fullest / mean", "Emptiest / mean", "Users moved by one more shard");
            foreach (var r in results)
            {
                table.AddRow(Markup.Escape(r.Ids), Markup.Escape(r.Placement), r.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{r.MaxOverMean:0.000}", $"{r.MinOverMean:0.000}", $"{r.MovedByOneMore:P1}");
            }

            ctx.Out.Show(table);
            return Task.FromResult(ctx.Out.Success(results));
        }));
}
