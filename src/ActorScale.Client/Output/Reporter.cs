using System.Text.Json;
using ActorScale.Lab;
using Spectre.Console;

namespace ActorScale.Client.Output;

/// <summary>
/// Everything a command prints goes through here: Spectre.Console for people, or with <c>--json</c> exactly one JSON
/// document on stdout (<c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error":{"code","message"}}</c>).
/// Errors also go to stderr as one line. The lab reports through it too: its steps spin, chaos's progress is redrawn live.
/// </summary>
public sealed class Reporter(bool json, IAnsiConsole console) : ILabOutput
{
    /// <summary>The lab's JSON: a result printed here reads like the report files the lab writes.</summary>
    public static JsonSerializerOptions JsonOptions => LabJson.Options;

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

    /// <summary>A spinner on a terminal (not in JSON mode); elsewhere the work just runs.</summary>
    public async Task<T> SpinAsync<T>(string title, Func<Task<T>> work) =>
        json || !console.Profile.Capabilities.Interactive
            ? await work()
            : await console.Status().StartAsync(Markup.Escape(title) + "...", _ => work());

    /// <summary>Redraws <paramref name="view"/> in place every half second while the work runs (<c>cluster top</c>); elsewhere the work just runs.</summary>
    public async Task<T> LiveTableAsync<T>(Func<Spectre.Console.Rendering.IRenderable> view, Func<Task<T>> work)
    {
        if (!Interactive)
        {
            return await work();
        }

        return await console.Live(view()).StartAsync(async display =>
        {
            var run = work();
            while (!run.IsCompleted)
            {
                display.UpdateTarget(view());
                await Task.WhenAny(run, Task.Delay(500));
            }

            display.UpdateTarget(view());
            return await run;
        });
    }

    /// <summary>Redraws the progress in place every half second while the work runs (Spectre.Console live display).</summary>
    public Task<T> LiveAsync<T>(Func<LabProgress> progress, Func<Task<T>> work) => LiveTableAsync(() => Views.Progress(progress()), work);
}
