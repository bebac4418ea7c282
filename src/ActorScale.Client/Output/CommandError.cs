using ActorScale.Domain.Errors;
using ActorScale.Lab;

namespace ActorScale.Client.Output;

/// <summary>A failure as the console reports it: a stable code, one line, and the process exit code.</summary>
public sealed record CommandError(string Code, string Message, int ExitCode)
{
    /// <summary>Exit code of a rejected request (bad input, wrong password, revoked token...).</summary>
    public const int Rejected = 1;

    /// <summary>Exit code of a malformed command line.</summary>
    public const int Usage = 2;

    /// <summary>Exit code when the cluster or its storage could not serve: retrying later may succeed.</summary>
    public const int Unavailable = 3;

    public static CommandError From(Exception exception) => (ActorScaleException.Find(exception) ?? exception) switch
    {
        ActorScaleException e => new(e.Code.ToString(), e.Message, e.IsTransient ? Unavailable : Rejected),
        UsageException e => new(nameof(ActorScaleErrorCode.BadRequest), e.Message, Usage),
        StepFailedException e => new(nameof(ActorScaleErrorCode.Unavailable), e.Message, Unavailable),
        ClusterUnavailableException e => new(nameof(ActorScaleErrorCode.Unavailable), e.Message, Unavailable),
        TimeoutException => new(nameof(ActorScaleErrorCode.Unavailable), "the cluster did not answer in time: the outcome is unknown, retry", Unavailable),
        OperationCanceledException => new("Cancelled", "cancelled", Unavailable),
        Orleans.Runtime.OrleansException e => new(nameof(ActorScaleErrorCode.Unavailable), $"the cluster could not serve the call: {FirstLine(e.Message)}", Unavailable),
        _ => new("InternalError", $"{exception.GetType().Name}: {FirstLine(exception.Message)}", 4),
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
