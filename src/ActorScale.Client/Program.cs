using System.CommandLine;
using ActorScale.Client.Commands;
using ActorScale.Client.Output;

var root = new RootCommand("actorscale: per-user sessions and carts in Orleans grains, and a local cluster to run them on");
root.Options.Add(GlobalOptions.Json);
root.Options.Add(GlobalOptions.Gateways);
root.Subcommands.Add(UserCommands.Create());
root.Subcommands.Add(CartCommands.Create());
root.Subcommands.Add(ShopCommands.Orders());
root.Subcommands.Add(ShopCommands.Catalog());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ClusterCommands.Create());
root.Subcommands.Add(DbCommands.Create());
root.Subcommands.Add(ChaosCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(SeedCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    var json = args.Contains("--json");
    return new Reporter(json, Spectre.Console.AnsiConsole.Console).Fail(new CommandError("BadRequest", $"{parse.Errors[0].Message} (see `actorscale --help`)", CommandError.Usage));
}

return await parse.InvokeAsync();
