using System.CommandLine;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Builds the <c>flireo-tools</c> command tree.</summary>
internal static class RootCommandFactory
{
    /// <summary>The command name users type.</summary>
    public const string CommandName = "flireo-tools";

    public static RootCommand Create(CliEnvironment environment)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print full exception details on errors.",
            Recursive = true,
        };
        var root = new RootCommand("Export, validate and test Flireo tools: C# methods marked [FlireoTool] that a Flireo voice assistant calls.");
        root.Options.Add(verbose);
        root.Subcommands.Add(ValidateCommand.Create(environment, verbose));
        root.Subcommands.Add(InvokeCommand.Create(environment, verbose));
        root.Subcommands.Add(SignCommand.Create(environment, verbose));
        return root;
    }
}
