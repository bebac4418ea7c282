using System.CommandLine;

namespace ActorScale.Client.Commands;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print exactly one JSON document on stdout",
        Recursive = true,
    };

    public static readonly Option<string[]> Gateways = new("--gateway")
    {
        Description = "A gateway host:port to connect to (repeatable); default: the local cluster, else 127.0.0.1:30000",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };
}
