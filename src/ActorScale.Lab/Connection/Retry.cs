using ActorScale.Domain.Errors;
using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace ActorScale.Lab.Connection;

/// <summary>
/// Retries calls whose outcome is unknown or transient (timeout, silo gone, storage briefly down). Safe because every
/// mutation carries its operation id, and the retry reuses it: the grain applies it at most once.
/// </summary>
public static class Retry
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(2),
            UseJitter = true,
        })
        .Build();

    public static bool IsTransient(Exception exception) => (ActorScaleException.Find(exception) ?? exception) switch
    {
        ActorScaleException e => e.IsTransient,
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException => true,
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        _ => false,
    };

    public static ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(call, cancellationToken);
}
