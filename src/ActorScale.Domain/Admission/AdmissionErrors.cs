using System.Globalization;
using ActorScale.Domain.Errors;

namespace ActorScale.Domain.Admission;

/// <summary>The refusals of admission control, worded once for every server: each says when to retry.</summary>
public static class AdmissionErrors
{
    /// <summary>Every password hashing slot of the process is taken.</summary>
    public static ActorScaleException HashingBusy(TimeSpan retryAfter) =>
        new(ActorScaleErrorCode.TooManyRequests, $"the server is busy checking passwords: retry in {Seconds(retryAfter)} s", retryAfter);

    /// <summary>Too many failed logins of this user from this address.</summary>
    public static ActorScaleException LoginThrottled(TimeSpan retryAfter) =>
        new(ActorScaleErrorCode.TooManyRequests, $"too many failed logins from this address: retry in {Seconds(retryAfter)} s", retryAfter);

    /// <summary>A rate limit (per client address, per user) refused the request.</summary>
    public static ActorScaleException TooManyRequests(TimeSpan retryAfter) =>
        new(ActorScaleErrorCode.TooManyRequests, $"too many requests: retry in {Seconds(retryAfter)} s", retryAfter);

    private static string Seconds(TimeSpan wait) => Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
