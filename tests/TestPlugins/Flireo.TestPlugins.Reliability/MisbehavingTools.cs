using Flireo.Tools;

namespace Flireo.TestPlugins.Reliability;

/// <summary>Tools that hang, block their thread, throw, or return results that cannot or should not be sent.</summary>
public static class MisbehavingTools
{
    [FlireoTool("hang_async", TimeoutSeconds = 1, Description = "Awaits for the given seconds and ignores cancellation.")]
    public static async Task<string> HangAsync(double seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), CancellationToken.None);
        return "late";
    }

    [FlireoTool("hang_sleep", TimeoutSeconds = 1, Description = "Blocks its thread with Thread.Sleep for the given seconds.")]
    public static string HangSleep(double seconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return "late";
    }

    [FlireoTool("hang_wait", TimeoutSeconds = 1, Description = "Blocks its thread on a task's Wait() for the given seconds.")]
    public static string HangWait(double seconds)
    {
        Task.Delay(TimeSpan.FromSeconds(seconds), CancellationToken.None).Wait(CancellationToken.None);
        return "late";
    }

    [FlireoTool("fail", Description = "Always throws.")]
    public static string Fail(string reason) => throw new InvalidOperationException(reason);

    [FlireoTool("cycle", Description = "Returns an object graph with a cycle.")]
    public static Node Cycle()
    {
        var first = new Node { Name = "first" };
        first.Next = new Node { Name = "second", Next = first };
        return first;
    }

    [FlireoTool("big_result", Description = "Returns a string of the given number of bytes.")]
    public static string BigResult(int bytes) => new('x', bytes);

    /// <summary>A node of a linked list that may loop.</summary>
    public sealed class Node
    {
        public required string Name { get; init; }

        public Node? Next { get; set; }
    }
}
