using System.CommandLine;
using System.Text;
using ActorScale.Lab;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Seed;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>
/// <c>actorscale seed</c>: many users quickly, in the real stored format (<see cref="UserSeeder"/>), and, with
/// <c>--activate</c>, what holding them in memory costs (<see cref="SeedMeasurement"/>).
/// </summary>
public static class SeedCommand
{
    private static readonly Option<int> Users = new("--users") { Description = "Users to write (0: none, only measure)", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> Activate = new("--activate") { Description = "Activate the first N seeded users once and measure memory and latency (0: do not)", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> Sample = new("--sample") { Description = "Users the latency load runs over (the first ones)", DefaultValueFactory = _ => 1000 };
    private static readonly Option<TimeSpan> Duration = DurationOption.Create("--duration", "How long each latency load runs", TimeSpan.FromSeconds(20));
    private static readonly Option<string> Prefix = new("--prefix") { Description = "User ids are <prefix>-0000000, <prefix>-0000001…", DefaultValueFactory = _ => "seed" };

    public static Command Create() => new Command("seed", "Write many users (account, one session, a cart) straight into the grain state table; --activate measures memory per activation and latency")
        .Options(Users, Activate, Sample, Duration, Prefix)
        .With(async ctx =>
        {
            var (users, activate, sample) = (ctx.Get(Users), ctx.Get(Activate), ctx.Get(Sample));
            if (users < 0 || activate < 0 || sample < 1 || (users == 0 && activate == 0))
            {
                throw new UsageException("--users or --activate must be positive, --sample at least 1");
            }

            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            var key = Encoding.UTF8.GetBytes(ctx.Home.Secret(Path.Combine(ctx.Home.SecretsDir, "seed.key")));
            object? seeded = null;
            if (users > 0)
            {
                var (count, seconds) = await ctx.Out.StepAsync($"{users} users written", () => UserSeeder.SeedAsync(
                    cluster, users, ctx.Get(Prefix), key, 600_000, n => ctx.Out.Say($"[grey]· {n} users written[/]"), ctx.CancellationToken));
                ctx.Out.Say($"{count} users in {seconds:0.0} s ({count / seconds:0} users/s, {2 * count} rows)");
                seeded = new { users = count, seconds = Math.Round(seconds, 1) };
            }

            if (activate == 0)
            {
                return ctx.Out.Success(new { seeded });
            }

            var report = await SeedMeasurement.RunAsync(cluster, await ctx.ClientAsync(), key, ctx.Get(Prefix), activate, Math.Min(sample, activate), ctx.Get(Duration), n => ctx.Out.Say($"[grey]· {n} activated[/]"), ctx.CancellationToken);
            ctx.Out.Show(new Table().AddColumns("Measure", "Value")
                .AddRow("activated", $"{report.Activated} in {report.ActivationSeconds:0.0} s ({report.ActivationsPerSecond:0}/s)")
                .AddRow("cold activation (two PostgreSQL reads)", $"p50 {report.ColdActivation.P50:0.0} ms, p99 {report.ColdActivation.P99:0.0} ms, max {report.ColdActivation.Max:0} ms")
                .AddRow("silo RSS before → after (MiB)", Markup.Escape(string.Join(", ", report.RssMiBBefore.Select(r => $"{r.Key} {r.Value:0} → {report.RssMiBAfter[r.Key]:0}"))))
                .AddRow("memory per activation", $"{report.BytesPerActivation:0} bytes")
                .AddRow($"session check over {report.SampleUsers} users", $"{report.SessionCheck.Requests / report.SessionCheck.Seconds:0} req/s, p50 {report.SessionCheck.Latency.P50:0.00} ms, p99 {report.SessionCheck.Latency.P99:0.00} ms, {report.SessionCheck.Errors} errors")
                .AddRow($"cart read over {report.SampleUsers} users", $"{report.CartRead.Requests / report.CartRead.Seconds:0} req/s, p50 {report.CartRead.Latency.P50:0.00} ms, p99 {report.CartRead.Latency.P99:0.00} ms, {report.CartRead.Errors} errors")
                .AddRow("user grains in memory at the end", $"{report.UserGrainsInMemoryAfter} of {report.Activated} activated")
                .AddRow("silos at the end", Markup.Escape(string.Join(", ", report.Silos.Select(s =>
                    $"{s.Silo} {(s.SameProcess ? "same process" : "RESTARTED or gone")}{(s.LimitMiB is { } limit ? $", {s.ChargedMiB:0}/{limit:0} MiB charged, {s.OomKills} OOM kills" : "")}")))));
            return ctx.Out.Success(new { seeded, measurement = report });
        });
}
