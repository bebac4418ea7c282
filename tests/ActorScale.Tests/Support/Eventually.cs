using System.Diagnostics;

namespace ActorScale.Tests.Support;

/// <summary>Awaits a condition with a deadline, never a fixed sleep; the failure says what was awaited and what was seen.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(string awaited, Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var seen = "nothing yet";
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }

                seen = value?.ToString() ?? "null";
            }
            catch (Exception ex)
            {
                seen = $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"awaited {awaited} for {timeout.TotalSeconds:0} s; last seen: {seen}");
            }

            await Task.Delay(50);
        }
    }
}
