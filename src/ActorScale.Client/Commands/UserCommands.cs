using System.CommandLine;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Sessions;
using ActorScale.Client.Output;
using ActorScale.Client.Profiles;
using ActorScale.Lab;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary><c>actorscale user register | login | logout | revoke-all | whoami</c>.</summary>
public static class UserCommands
{
    private static readonly Argument<string> User = new("user") { Description = "User id: 3-64 characters of a-z, 0-9, '.', '_', '-' (case-folded)" };

    private static readonly Option<string?> Password = new("--password") { Description = "The password (visible to other local users in process listings; prefer --password-stdin or the prompt)" };

    private static readonly Option<bool> PasswordStdin = new("--password-stdin") { Description = "Read the password from the first line of stdin" };

    public static Command Create() => new Command("user", "Accounts and sessions").WithSubcommands(
        new Command("register", "Create an account").Arguments(User).Options(Password, PasswordStdin, OperationIds.Option).With(async ctx =>
        {
            var user = ctx.Get(User);
            var password = ReadPassword(ctx);
            var operationId = OperationIds.From(ctx);
            await ctx.CallAsync(c => c.GetGrain<IUserSessionGrain>(UserKey.For(user)).RegisterAsync(password, operationId));
            ctx.Out.Say($"[green]registered[/] {Markup.Escape(user.ToLowerInvariant())}");
            return ctx.Out.Success(new { user = user.ToLowerInvariant(), operationId });
        }),
        new Command("login", "Open a session and remember its token in the profile").Arguments(User).Options(Password, PasswordStdin).With(async ctx =>
        {
            var user = ctx.Get(User);
            var password = ReadPassword(ctx);

            // A login is not retried: a retry would open a second session (its token cannot be replayed).
            var client = await ctx.ClientAsync();
            var result = await client.GetGrain<IUserSessionGrain>(UserKey.For(user)).LoginAsync(password);
            ProfileStore.Save(ctx.ProfilePath, new LoginProfile(result.UserId, result.Token, result.ExpiresAt));
            ctx.Out.Say($"[green]logged in[/] as {Markup.Escape(result.UserId)}; session until {result.ExpiresAt:u}; token saved to {Markup.Escape(ctx.ProfilePath)}");
            return ctx.Out.Success(new { result.UserId, result.Token, result.ExpiresAt, result.IdleExpiresAt, profile = ctx.ProfilePath });
        }),
        new Command("whoami", "Show the current session").With(async ctx =>
        {
            var profile = ProfileStore.Require(ctx.ProfilePath);
            var grain = await SessionGrainAsync(ctx, profile);
            var info = await ctx.CallAsync(_ => grain.WhoAmIAsync(profile.Token));
            var where = await ctx.CallAsync(_ => grain.LocateAsync());
            ctx.Out.Say($"{Markup.Escape(info.UserId)}: session since {info.CreatedAt:u}, ends by {info.ExpiresAt:u} (idle limit {info.IdleExpiresAt:u}), {info.ActiveSessions} live session(s) {Views.Where(where)}");
            return ctx.Out.Success(new { session = info, servedBy = where });
        }),
        new Command("logout", "End this session").Options(OperationIds.Option).With(async ctx =>
        {
            var profile = ProfileStore.Require(ctx.ProfilePath);
            var grain = await SessionGrainAsync(ctx, profile);
            var operationId = OperationIds.From(ctx);
            await ctx.CallAsync(_ => grain.LogoutAsync(profile.Token, operationId));
            ProfileStore.Delete(ctx.ProfilePath);
            ctx.Out.Say($"[green]logged out[/] {Markup.Escape(profile.UserId)}: the token is refused everywhere from now on");
            return ctx.Out.Success(new { profile.UserId, operationId });
        }),
        new Command("revoke-all", "End every session of this user (suspicious activity)").Options(OperationIds.Option).With(async ctx =>
        {
            var profile = ProfileStore.Require(ctx.ProfilePath);
            var grain = await SessionGrainAsync(ctx, profile);
            var operationId = OperationIds.From(ctx);
            var revoked = await ctx.CallAsync(_ => grain.RevokeAllAsync(profile.Token, operationId));
            ProfileStore.Delete(ctx.ProfilePath);
            ctx.Out.Say($"[green]revoked[/] {revoked} session(s) of {Markup.Escape(profile.UserId)}");
            return ctx.Out.Success(new { profile.UserId, revoked, operationId });
        }));

    private static async Task<IUserSessionGrain> SessionGrainAsync(CliContext ctx, LoginProfile profile) =>
        (await ctx.ClientAsync()).GetGrain<IUserSessionGrain>(UserKey.For(profile.UserId));

    private static string ReadPassword(CliContext ctx)
    {
        if (ctx.Get(Password) is { } given)
        {
            return given;
        }

        if (ctx.Get(PasswordStdin))
        {
            return Console.In.ReadLine() ?? throw new UsageException("--password-stdin: stdin is empty");
        }

        if (Console.IsInputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            throw new UsageException("no password: pass --password-stdin (or --password), or run in a terminal to be prompted");
        }

        return AnsiConsole.Prompt(new TextPrompt<string>("password:").Secret());
    }
}
