using System.ComponentModel;
using System.Runtime.Loader;
using Flireo.Tools;
using Humanizer;
using Microsoft.Extensions.Logging;

namespace Flireo.TestPlugins.Greetings;

/// <summary>Tools of the test plugin: a greeting from an injected service, Humanizer 2.x, and tools that wait for a gate file.</summary>
public sealed partial class GreetingTools(IGreetingFormatter formatter, ILogger<GreetingTools> logger)
{
    [FlireoTool("greet", Description = "Greets a caller by name.")]
    public string Greet([Description("The caller's name")] string name) => formatter.Format(name);

    // No description on purpose: the server serves it and warns at startup.
    [FlireoTool("wave")]
    public string Wave(string name) => $"Hello, {name}!";

    [FlireoTool("count_in_words", Description = "Writes a number in English words.")]
    public WordsResult CountInWords(int number)
    {
        var humanizer = typeof(NumberToWordsExtension).Assembly;
        return new WordsResult(number.ToWords(), humanizer.GetName().Version!.ToString(), AssemblyLoadContext.GetLoadContext(humanizer)?.Name);
    }

    [FlireoTool("hold", Description = "Answers once the gate file exists.")]
    public async Task<string> HoldAsync(string gate, ToolCallContext call, CancellationToken cancellationToken)
    {
        HoldStarted(logger, "hold", call.ToolCallId);
        while (!File.Exists(gate))
        {
            await Task.Delay(20, cancellationToken);
        }

        return "released";
    }

    [FlireoTool("hold_in_background", Async = true, Description = "Writes the done file once the gate file exists.")]
    public async Task HoldInBackgroundAsync(string gate, string done, ToolCallContext call, CancellationToken cancellationToken)
    {
        HoldStarted(logger, "hold_in_background", call.ToolCallId);
        while (!File.Exists(gate))
        {
            await Task.Delay(20, cancellationToken);
        }

        await File.WriteAllTextAsync(done, call.ToolCallId, CancellationToken.None);
    }

    [LoggerMessage(1, LogLevel.Information, "{ToolName} started for tool call {ToolCallId}")]
    private static partial void HoldStarted(ILogger logger, string toolName, string toolCallId);
}
