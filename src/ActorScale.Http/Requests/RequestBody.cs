using ActorScale.Domain.Errors;

namespace ActorScale.Http.Requests;

/// <summary>Bodies are bound as optional, so that a missing one is our one-line <see cref="ActorScaleErrorCode.BadRequest"/>.</summary>
public static class RequestBody
{
    public static T Required<T>(T? body)
        where T : class =>
        body ?? throw new ActorScaleException(ActorScaleErrorCode.BadRequest, "a JSON body is required (Content-Type: application/json)");
}
