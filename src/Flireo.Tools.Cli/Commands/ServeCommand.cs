using System.CommandLine;
using Flireo.Tools.Hosting;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Defines <c>flireo-tools serve</c>: the self-hosted server (Flireo.Tools.Hosting) in this process, Development by default.</summary>
internal static class ServeCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "serve";

    public static Command Create(CliEnvironment environment, Option<bool> verbose)
    {
        var tools = new Option<string[]>("--tools", "-t")
        {
            Description = "A tool assembly (.dll), a project (.csproj, built first) or a folder holding one; repeat for several. Same as Flireo:Server:ToolAssemblies.",
            HelpName = "path",
            Arity = ArgumentArity.OneOrMore,
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, e.g. http://0.0.0.0:8080 (default http://localhost:5000).",
            HelpName = "urls",
        };
        var hostEnvironment = new Option<string>("--environment", "-e")
        {
            Description = "The host environment; default Development (a generated webhook secret, the banner with a signed curl) unless DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT is set.",
            HelpName = "name",
        };
        var mcp = new Option<bool>("--mcp")
        {
            Description = "Also serve the tools over MCP on /mcp (Streamable HTTP); same as Flireo:Mcp:Enabled=true.",
        };
        var configuration = new Option<string>("--configuration", "-c")
        {
            Description = "The build configuration of a project given with --tools; same as Flireo:Server:BuildConfiguration (default Release).",
            HelpName = "name",
        };
        var watch = new Option<bool>("--watch")
        {
            Description = "Rebuild the project given with --tools on every change under its folder and swap the new build in without dropping calls in flight; prints what changed in the tool definitions.",
        };
        var command = new Command(Name, "Serve tool assemblies or projects as Flireo webhooks on this machine: the self-hosted server in-process. Other host settings pass through as --Section:Key=value.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(tools);
        command.Options.Add(urls);
        command.Options.Add(hostEnvironment);
        command.Options.Add(mcp);
        command.Options.Add(configuration);
        command.Options.Add(watch);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            environment,
            parseResult,
            verbose,
            async token =>
            {
                var hostArguments = new List<string>();
                if (parseResult.GetValue(urls) is { } listen)
                {
                    hostArguments.AddRange(["--urls", listen]);
                }

                var environmentVariable = environment.GetVariable("DOTNET_ENVIRONMENT") ?? environment.GetVariable("ASPNETCORE_ENVIRONMENT");
                var name = parseResult.GetValue(hostEnvironment) ?? (environmentVariable is null ? "Development" : null);
                if (name is not null)
                {
                    hostArguments.AddRange(["--environment", name]);
                }

                if (parseResult.GetValue(mcp))
                {
                    hostArguments.Add("--Flireo:Mcp:Enabled=true");
                }

                if (parseResult.GetValue(configuration) is { } build)
                {
                    hostArguments.Add($"--Flireo:Server:BuildConfiguration={build}");
                }

                // Configuration keys (--Flireo:Server:Queue=Memory) go to the host's command-line configuration unchanged.
                hostArguments.AddRange(parseResult.UnmatchedTokens);
                return await FlireoToolServer.RunAsync([.. hostArguments], options =>
                {
                    foreach (var source in parseResult.GetValue(tools) ?? [])
                    {
                        options.ToolSources.Add(source);
                    }

                    options.Output = environment.Out;
                    options.Error = environment.Error;
                    options.ErrorPrefix = "error: ";
                    options.Watch = parseResult.GetValue(watch);
                }, token).ConfigureAwait(false);
            },
            cancellationToken));
        return command;
    }
}
