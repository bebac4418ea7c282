using System.CommandLine;
using ActorScale.Lab;

namespace ActorScale.Client.Commands;

/// <summary>
/// The operation id of a mutation: a new GUID per command, reused by its own retries; or given with <c>--op-id</c>
/// so that a script can rerun a whole command safely (the grain applies each id once).
/// </summary>
public static class OperationIds
{
    public static readonly Option<string?> Option = new("--op-id") { Description = "Operation id (GUID) for an idempotent rerun; default: a new one" };

    public static Guid From(CliContext ctx)
    {
        var text = ctx.Get(Option);
        if (text is null)
        {
            return Guid.NewGuid();
        }

        return Guid.TryParse(text, out var id) && id != Guid.Empty ? id : throw new UsageException($"--op-id '{text}' is not a non-empty GUID");
    }
}
