using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace ActorScale.Client.Output;

/// <summary>
/// Everything a command prints goes through here: Spectre.Console for people, or with <c>--json</c> exactly one JSON
/// document on stdout (<c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error":{"code","message"}}</c>).
/// Errors also go to stderr as one line.
/// </summary>
public sealed class Reporter(bool json, IAnsiConsole console)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Json => json;

    /// <summary>True on a terminal that can redraw (and not in JSON mode).</summary>
    public bool Interactive => !json && console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Human output; nothing in JSON mode.</summary>
    public void Say(string markup)
    {
        if (!json)
        {
            console.MarkupLine(markup);
        }
    }

    public void Show(Spectre.Console.Rendering.IRenderable renderable)
    {
        if (!json)
        {
            console.Write(renderable);
        }
    }

    /// <summary>The command's result: printed as JSON in JSON mode; people get what the command showed.</summary>
    public int Success(object? result)
    {
        if (json)
        {
            System.Console.Out.WriteLine(JsonSerializer.Serialize(new { ok = true, result }, JsonOptions));
        }

        return 0;
    }

    public int Fail(CommandError error)
    {
        if (json)
        {
            System.Console.Out.WriteLine(JsonSerializer.Serialize(new { ok = false, error = new { code = error.Code, message = error.Message } }, JsonOptions));
        }

        System.Console.Error.WriteLine($"actorscale: {error.Message} [{error.Code}]");
        return error.ExitCode;
    }

    /// <summary>
    /// Runs one named step: a spinner on a terminal, then a line with its duration. A failure is re-thrown with the
    /// step's name in front, so the one error line says which step broke.
    /// </summary>
    public async Task<T> StepAsync<T>(string title, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = json || !console.Profile.Capabilities.Interactive
                ? await step()
                : await console.Status().StartAsync(Markup.Escape(title) + "...", _ => step());
            Say($"[green]✓[/] {Markup.Escape(title)} [grey]({clock.Elapsed.TotalSeconds:0.0} s)[/]");
            return result;
        }
        catch (Exception ex) when (ex is not StepFailedException)
        {
            Say($"[red]✗[/] {Markup.Escape(title)}");
            throw new StepFailedException($"{title}: {ex.Message.Split('\n')[0].Trim()}", ex);
        }
    }

    public Task StepAsync(string title, Func<Task> step) => StepAsync(title, async () =>
    {
        await step();
        return true;
    });
}
