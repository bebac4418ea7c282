using System.CommandLine;
using ActorScale.Client.Output;
using ActorScale.Client.Profiles;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>What every command gets: its parsed options, a reporter, the profile path and a lazily opened cluster connection.</summary>
public sealed class CliContext(ParseResult parse, CancellationToken cancellationToken) : IAsyncDisposable
{
    private ClusterConnection? _connection;

    public ParseResult Parse => parse;

    public CancellationToken CancellationToken => cancellationToken;

    public Reporter Out { get; } = new(parse.GetValue(GlobalOptions.Json), AnsiConsole.Console);

    public string ProfilePath { get; } = ProfileStore.PathFromEnvironment();

    public ClusterHome Home { get; } = ClusterHome.FromEnvironment();

    public T Get<T>(Option<T> option) => parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public async Task<IClusterClient> ClientAsync()
    {
        if (_connection is null)
        {
            var settings = ConnectionSettings.Resolve(parse.GetValue(GlobalOptions.Gateways) ?? [], Home.LocalConnection);
            _connection = await ClusterConnection.ConnectAsync(settings, cancellationToken);
        }

        return _connection.Client;
    }

    /// <summary>A grain call with retries of transient failures (same arguments, so the same operation id).</summary>
    public async Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call)
    {
        var client = await ClientAsync();
        return await Retry.RunAsync(async _ => await call(client), cancellationToken);
    }

    public Task CallAsync(Func<IClusterClient, Task> call) => CallAsync(async client =>
    {
        await call(client);
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
