using System.CommandLine;
using System.CommandLine.Help;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Builds the <c>flireo-tools</c> command tree.</summary>
internal static class RootCommandFactory
{
    /// <summary>The command name users type.</summary>
    public const string CommandName = "flireo-tools";

    public static Command Create(CliEnvironment environment)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print full exception details on errors.",
            Recursive = true,
        };
        // A plain command rather than RootCommand, whose name would be the host process's (dotnet, testhost).
        var root = new Command(CommandName, "Export, validate, serve and test Flireo tools: C# methods marked [FlireoTool] that a Flireo voice assistant calls.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(verbose);
        root.Subcommands.Add(ExportCommand.Create(environment, verbose));
        root.Subcommands.Add(ValidateCommand.Create(environment, verbose));
        root.Subcommands.Add(InvokeCommand.Create(environment, verbose));
        root.Subcommands.Add(SignCommand.Create(environment, verbose));
        root.Subcommands.Add(QueueCommand.Create(environment, verbose));
        root.Subcommands.Add(CallCommand.Create(environment, verbose));
        root.Subcommands.Add(ServeCommand.Create(environment, verbose));
        root.Subcommands.Add(PushCommand.Create(environment, verbose));
        root.Subcommands.Add(DiffCommand.Create(environment, verbose));
        return root;
    }
}
