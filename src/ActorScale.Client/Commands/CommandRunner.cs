using System.CommandLine;
using ActorScale.Client.Output;

namespace ActorScale.Client.Commands;

/// <summary>Binds a command body to its command: one place that turns every failure into one line and an exit code.</summary>
public static class CommandRunner
{
    public static Command With(this Command command, Func<CliContext, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = new CliContext(parse, cancellationToken);
            try
            {
                return await body(context);
            }
            catch (Exception ex)
            {
                return context.Out.Fail(CommandError.From(ex));
            }
        });
        return command;
    }

    public static Command WithSubcommands(this Command parent, params Command[] children)
    {
        foreach (var child in children)
        {
            parent.Subcommands.Add(child);
        }

        return parent;
    }

    public static Command Options(this Command command, params Option[] options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    public static Command Arguments(this Command command, params Argument[] arguments)
    {
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        return command;
    }
}
