using System.CommandLine;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines the <c>--secret</c> option, which falls back to the server's own environment variable.</summary>
internal static class SecretOption
{
    /// <summary>The environment variable the self-hosted server reads its secret from.</summary>
    public const string EnvironmentVariable = "Flireo__WebhookSecret";

    public static Option<string> Create() => new("--secret", "-s")
    {
        Description = $"The webhook secret configured on the Flireo assistant (default: the {EnvironmentVariable} environment variable).",
        HelpName = "secret",
    };

    public static string? Resolve(ParseResult parseResult, Option<string> option, CliEnvironment environment)
        => parseResult.GetValue(option) is { Length: > 0 } secret ? secret : environment.GetVariable(EnvironmentVariable);
}
