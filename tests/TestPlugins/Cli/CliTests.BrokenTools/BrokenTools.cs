using System.ComponentModel;
using Flireo.Tools;

namespace CliTests.BrokenTools;

/// <summary>Tools the server refuses to start with.</summary>
public sealed class BrokenTools
{
    // Invalid name.
    [FlireoTool("bad name!", Description = "Has a space in its name.")]
    public string BadName() => "x";

    // Async tool that returns a value nobody reads.
    [FlireoTool("count_async", Async = true, Description = "Counts in the background.")]
    public Task<int> CountAsync() => Task.FromResult(1);

    // Parameter type the model cannot send.
    [FlireoTool("upload", Description = "Uploads a stream.")]
    public void Upload([Description("The data")] Stream data)
    {
    }
}

/// <summary>Declares a tool name that <see cref="DuplicateToolsB"/> uses too.</summary>
public sealed class DuplicateToolsA
{
    [FlireoTool("lookup", Description = "Looks up a customer.", Message = "One moment.")]
    public string Lookup([Description("The customer's name")] string name) => name;
}

/// <summary>Declares a tool name that <see cref="DuplicateToolsA"/> uses too.</summary>
public sealed class DuplicateToolsB
{
    [FlireoTool("lookup", Description = "Looks up an order.", Message = "One moment.")]
    public string Lookup([Description("The order number")] string number) => number;
}
