using ActorScale.Baseline.Storage;

namespace ActorScale.Baseline.Hosting;

/// <summary><c>ActorScale.Baseline migrate</c>: applies the baseline schema with the configured (owner) connection, on every shard, then exits.</summary>
public static class BaselineMigration
{
    public const string Command = "migrate";

    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        var settings = configuration.GetSection(BaselineSettings.Section).Get<BaselineSettings>() ?? new BaselineSettings();
        try
        {
            IReadOnlyList<int> applied = [];
            foreach (var shard in BaselineHostExtensions.ConnectionStrings(settings))
            {
                applied = [.. applied.Union(await BaselineSchema.MigrateAsync(shard, settings.AppRole, settings.ReaderRole is { Length: > 0 } reader ? reader : null))];
            }

            Console.WriteLine(applied.Count == 0
                ? $"baseline schema already at version {BaselineSchema.RequiredVersion}"
                : $"baseline schema migrated: applied {string.Join(", ", applied)}");
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"actorscale-baseline: migrate failed: {ex.Message.Split('\n')[0].Trim()}");
            return 1;
        }
    }
}
