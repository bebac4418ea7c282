using ActorScale.Domain.Errors;
using ActorScale.Grains.Users;

namespace ActorScale.Silo.Fencing;

/// <summary>
/// Refuses every call to a user grain of this silo while its lease is not held, whichever way the call came (HTTP, a
/// client's gateway, another silo). The check runs in the grain's turn, right before the method that would read or
/// change the user's state, so an accepted call decides before the lease ends.
/// </summary>
public sealed class FencingCallFilter(SiloLease lease) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is UserGrain && lease.Refusal() is { } refusal)
        {
            throw new ActorScaleException(ActorScaleErrorCode.Unavailable, refusal);
        }

        return context.Invoke();
    }
}
