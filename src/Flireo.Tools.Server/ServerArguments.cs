namespace Flireo.Tools.Server;

/// <summary>Splits the command line into the server's own switches and the arguments passed on to the ASP.NET Core host.</summary>
/// <remarks>
/// <c>--tools</c> may be repeated, which the host's command-line configuration cannot express (the last value would win),
/// so it is taken out here; <c>--urls</c>, <c>--environment</c> and <c>--Section:Key=value</c> go to the host unchanged.
/// </remarks>
internal sealed class ServerArguments
{
    public const string Usage = """
        Usage: Flireo.Tools.Server --tools <path> [--tools <path>...] [--urls <urls>] [--Section:Key=value...]

        Serves the [FlireoTool] methods of tool assemblies as Flireo webhooks.

        Options:
          --tools <path>   A tool assembly (.dll), a project (.csproj, built with 'dotnet build -c Release' first), or a
                           folder holding one project or built tool assemblies (a NAME.dll next to its NAME.deps.json).
                           Repeat for several. Same as Flireo:Server:ToolAssemblies (env Flireo__Server__ToolAssemblies__0).
          --urls <urls>    Where to listen, e.g. http://0.0.0.0:8080 (default http://localhost:5000).
          --environment    Development prints a generated webhook secret and a signed curl when none is configured.
          -h, --help       Shows this help.

        Endpoints: POST /flireo (Flireo:Server:Path), GET /healthz (liveness), GET /readyz (readiness).
        Flireo__Mcp__Enabled=true also serves the tools over MCP on /mcp (Streamable HTTP, bearer token Flireo__Mcp__BearerToken).
        Outside Development a webhook secret is required: Flireo__WebhookSecret (or Flireo__AllowUnsignedRequests=true).
        Acknowledged async calls are stored in SQLite in ./data under the current directory (Flireo:Server:DataDirectory),
        so they run after a crash; Flireo:Server:Queue=Memory (lost on crash) or Redis (Flireo:Redis:ConnectionString) changes that.
        """;

    private ServerArguments(IReadOnlyList<string> tools, IReadOnlyList<string> hostArguments, bool showHelp, string? error)
    {
        Tools = tools;
        HostArguments = hostArguments;
        ShowHelp = showHelp;
        Error = error;
    }

    /// <summary>Gets the tool paths given with <c>--tools</c>, in order.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>Gets the remaining arguments, for the host's command-line configuration.</summary>
    public IReadOnlyList<string> HostArguments { get; }

    /// <summary>Gets a value indicating whether the help text was asked for.</summary>
    public bool ShowHelp { get; }

    /// <summary>Gets what is wrong with the command line, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments of <c>Main</c>.</param>
    /// <returns>The parsed arguments; <see cref="Error"/> is set when they are not valid.</returns>
    public static ServerArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var tools = new List<string>();
        var rest = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?" or "/?")
            {
                help = true;
            }
            else if (arg.StartsWith("--tools=", StringComparison.Ordinal) || arg.StartsWith("/tools=", StringComparison.Ordinal))
            {
                var value = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];
                if (value.Length == 0)
                {
                    return Invalid("--tools needs a path: --tools path/to/MyTools.dll");
                }

                tools.Add(value);
            }
            else if (arg is "--tools" or "/tools" or "-t")
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return Invalid("--tools needs a path: --tools path/to/MyTools.dll");
                }

                tools.Add(args[++i]);
            }
            else
            {
                rest.Add(arg);
            }
        }

        return new ServerArguments(tools, rest, help, null);

        static ServerArguments Invalid(string error) => new([], [], false, error);
    }
}
