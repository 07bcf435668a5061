// Copied from ../shared/bench/kestrel-baseline/Program.cs: the reference's hand-written dispatch and tool.
using System.Text.Json;

namespace Flireo.Tools.Benchmarks.Reference;

internal static class Dispatcher
{
    // Hand-written (what a source generator would emit): name -> bind args from JsonElement -> call method.
    public static readonly Dictionary<string, Func<JsonElement, object>> Handlers = new(StringComparer.Ordinal)
    {
        ["lookup_contact"] = a => Tools.LookupContact(a.TryGetProperty("query", out var q) ? q.GetString() ?? "" : ""),
    };

    public static ToolCallsResponse Run(Message m)
    {
        var list = m.ToolCallList!;
        var results = new ToolResult[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var tc = list[i];
            object result = tc.Function?.Name is { } name && Handlers.TryGetValue(name, out var h)
                ? h(tc.Function.Arguments)
                : new ErrorResult($"unknown tool {tc.Function?.Name}");
            results[i] = new ToolResult(tc.Id, result);
        }

        return new ToolCallsResponse(results);
    }
}

internal static class Tools
{
    public static ContactResult LookupContact(string query) => new(query, "c_42", "+31612345678", true);
}
