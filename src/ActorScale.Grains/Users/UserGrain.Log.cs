using Microsoft.Extensions.Logging;

namespace ActorScale.Grains.Users;

/// <summary>The user grain's log messages.</summary>
public sealed partial class UserGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Write conflict for user {UserId}; deactivating to reload")]
    private static partial void LogConflict(ILogger logger, Exception ex, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage write failed for user {UserId}")]
    private static partial void LogStorageFailed(ILogger logger, Exception ex, string userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {UserId} is served at the front door of {FrontDoor}: moving there")]
    private static partial void LogFollowing(ILogger logger, string userId, SiloAddress frontDoor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not persist last-seen time for user {UserId}")]
    private static partial void LogTouchFailed(ILogger logger, Exception ex, string userId);
}
