using System.Collections;

namespace Flireo.Tools.Cli;

/// <summary>Holds everything the commands touch outside the process: console streams, clock, HTTP and environment.</summary>
/// <remarks>The console program uses <see cref="FromConsole()"/>; tests build one with captured writers and fakes.</remarks>
internal sealed class CliEnvironment
{
    /// <summary>Gets the writer for data (definitions, answers, headers, findings).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets the writer for messages (progress, summaries, errors).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets a function that opens standard input, or returns <see langword="null"/> when nothing is piped in.</summary>
    public Func<Stream?> OpenInput { get; init; } = static () => null;

    /// <summary>Gets the clock used for webhook timestamps and latency.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Gets the HTTP handler for <c>invoke --url</c>, or <see langword="null"/> to use a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Gets the environment variables, read for secrets and passed to plugins as configuration.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Creates the environment of the real console program.</summary>
    /// <returns>An environment bound to the console, the system clock and the process environment.</returns>
    public static CliEnvironment FromConsole() => FromConsole(Console.Out, Console.Error);

    /// <summary>Creates the environment of the console program with other output writers.</summary>
    /// <param name="output">The writer for data.</param>
    /// <param name="error">The writer for messages.</param>
    /// <returns>An environment bound to standard input, the system clock and the process environment.</returns>
    public static CliEnvironment FromConsole(TextWriter output, TextWriter error) => new()
    {
        Out = output,
        Error = error,
        OpenInput = static () => Console.IsInputRedirected ? Console.OpenStandardInput() : null,
        Variables = ReadVariables(),
    };

    /// <summary>Gets an environment variable, or <see langword="null"/> when it is unset or empty.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetVariable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static Dictionary<string, string> ReadVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return variables;
    }
}
