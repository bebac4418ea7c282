using System.Diagnostics;

namespace ActorScale.Lab;

/// <summary>What every <see cref="ILabOutput"/> gets: the output that drops everything, and named steps.</summary>
public static class LabOutput
{
    /// <summary>Reports nothing and never redraws; steps still time out and fail with their names.</summary>
    public static ILabOutput Null { get; } = new NullLabOutput();

    /// <summary>
    /// Runs one named step: a spinner where the output has one, then a line with its duration. A failure is re-thrown as
    /// a <see cref="StepFailedException"/> with the step's name in front, so the one error line says which step broke.
    /// </summary>
    public static async Task<T> StepAsync<T>(this ILabOutput output, string title, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await output.SpinAsync(title, step);
            output.Say($"[green]✓[/] {LabMarkup.Escape(title)} [grey]({clock.Elapsed.TotalSeconds:0.0} s)[/]");
            return result;
        }
        catch (Exception ex) when (ex is not StepFailedException)
        {
            output.Say($"[red]✗[/] {LabMarkup.Escape(title)}");
            throw new StepFailedException($"{title}: {ex.Message.Split('\n')[0].Trim()}", ex);
        }
    }

    /// <inheritdoc cref="StepAsync{T}(ILabOutput, string, Func{Task{T}})"/>
    public static Task StepAsync(this ILabOutput output, string title, Func<Task> step) => output.StepAsync(title, async () =>
    {
        await step();
        return true;
    });
}
