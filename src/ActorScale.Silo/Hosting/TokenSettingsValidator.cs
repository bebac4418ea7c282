using Microsoft.Extensions.Options;

namespace ActorScale.Silo.Hosting;

/// <summary>Fails the silo's start with the name of a missing, short or unreadable token key.</summary>
public sealed class TokenSettingsValidator : IValidateOptions<TokenSettings>
{
    public ValidateOptionsResult Validate(string? name, TokenSettings options) =>
        options.FindProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
