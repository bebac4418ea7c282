namespace ActorScale.ComposeTests.Running;

/// <summary>Awaits a condition with a deadline; the timeout says what was awaited and what was seen last.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <param name="awaited">What the caller waits for, as the failure message should say it.</param>
    /// <param name="probe">One look: whether the condition holds, and what was seen (for the message).</param>
    /// <param name="deadline">How long to keep looking.</param>
    public static async Task<string> WaitAsync(string awaited, Func<Task<(bool Holds, string Seen)>> probe, TimeSpan deadline)
    {
        var until = TimeProvider.System.GetUtcNow() + deadline;
        var seen = "nothing yet";
        while (true)
        {
            try
            {
                (var holds, seen) = await probe();
                if (holds)
                {
                    return seen;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                seen = $"{e.GetType().Name}: {e.Message}";
            }

            if (TimeProvider.System.GetUtcNow() >= until)
            {
                throw new TimeoutException($"{awaited}: not within {deadline.TotalSeconds:0} s; last seen: {seen}");
            }

            await Task.Delay(Poll);
        }
    }
}
