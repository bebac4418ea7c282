using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorScale.Client.Commands;

/// <summary>Options that take a duration such as <c>90s</c>, <c>3m</c>, <c>500ms</c> or <c>1h</c>.</summary>
public static partial class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} (e.g. 30s, 3m; default {Format(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result.Tokens.Single().Value, error => result.AddError(error)),
    };

    public static Option<TimeSpan?> CreateOptional(string name, string description) => new(name)
    {
        Description = $"{description} (e.g. 20s)",
        CustomParser = result => Parse(result.Tokens.Single().Value, error => result.AddError(error)),
    };

    public static TimeSpan Parse(string text, Action<string> error)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            error($"'{text}' is not a duration such as 30s, 3m or 500ms");
            return default;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    private static string Format(TimeSpan value) =>
        value.TotalMinutes >= 1 && value.Seconds == 0 ? $"{value.TotalMinutes:0}m" : $"{value.TotalSeconds:0.###}s";

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)?$")]
    private static partial Regex Pattern();
}
