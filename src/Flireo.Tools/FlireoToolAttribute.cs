using System.Diagnostics.CodeAnalysis;

namespace Flireo.Tools;

/// <summary>Marks a method as a Flireo tool that the model can call through the tool-calls webhook.</summary>
/// <remarks>
/// The tool name defaults to the snake_case form of the method name without an <c>Async</c> suffix
/// (<c>CheckAvailabilityAsync</c> becomes <c>check_availability</c>). Names must match
/// <c>^[A-Za-z_][A-Za-z0-9_-]{0,63}$</c> and be unique across every registered tool class.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FlireoToolAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="FlireoToolAttribute"/> class with a name derived from the method.</summary>
    public FlireoToolAttribute()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoToolAttribute"/> class with an explicit tool name.</summary>
    /// <param name="name">The tool name the model sees, for example <c>check_availability</c>.</param>
    public FlireoToolAttribute(string name)
    {
        Name = name;
    }

    /// <summary>Gets the explicit tool name, or <see langword="null"/> when it is derived from the method name.</summary>
    public string? Name { get; }

    /// <summary>Gets or sets what the tool does and when the model should use it.</summary>
    /// <remarks>When not set, a <see cref="System.ComponentModel.DescriptionAttribute"/> on the method is used.</remarks>
    public string? Description { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool is fire-and-forget: acknowledged at once and run in the background.</summary>
    public bool Async { get; set; }

    /// <summary>Gets or sets what the assistant says while the tool runs, exported as <c>message</c>.</summary>
    /// <remarks>
    /// For a sync tool the assistant says it before the result arrives, so a slow lookup has no dead air
    /// ("Let me check the book for you."). For an async tool it is said instead of the result, and the webhook's
    /// acknowledgement answers with it. <see langword="null"/> says nothing.
    /// </remarks>
    public string? Message { get; set; }

    /// <summary>Gets or sets the same text as <see cref="Message"/>, under its legacy name.</summary>
    /// <remarks>
    /// Setting either property sets the one value. Older agents read the text from <c>async_response</c>; to write that key
    /// too, export with <see cref="Definitions.ToolDefinitionOptions.LegacyAsyncResponse"/>
    /// (<c>flireo-tools export --legacy-async-response</c>).
    /// </remarks>
    [Obsolete("Use Message: it is said while any tool runs (sync: before the result; async: instead of it) and exported as 'message'.")]
    public string? AsyncResponse
    {
        get => Message;
        set => Message = value;
    }

    /// <summary>Gets or sets a value indicating whether the result of an async tool is spoken into the call when the background run ends.</summary>
    /// <remarks>
    /// Needs <see cref="Async"/>. When the run has ended for good, the framework sends the Call Control command
    /// <c>inject-context</c> with <c>trigger_response: true</c>: a string result as is, another result as the tool name and its
    /// compact JSON, a failure as its model-facing text. It is sent once, and only while the call is in progress; for an
    /// ended call it is dropped with a log line. Needs <c>Flireo:Api:Key</c>; with the SQLite or Redis queue a result not yet
    /// announced is stored, so a crash in between announces it after the restart.
    /// </remarks>
    public bool AnnounceResult { get; set; }

    /// <summary>Gets or sets a per-tool time limit in seconds, lower than <see cref="FlireoToolsOptions.SyncTimeout"/>; zero uses the global limit.</summary>
    /// <remarks>
    /// For an async tool this limits each background attempt instead. For a tool that hands off
    /// (<see cref="HandOffAfterSeconds"/>) it is required and limits the whole run, which may last past the webhook's deadline.
    /// </remarks>
    public double TimeoutSeconds { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool never blocks its thread, so it runs on the calling thread without the hand-off to the tool scheduler.</summary>
    /// <remarks>
    /// <para>
    /// By default every tool runs as a work item of the tool scheduler: the router's caller gets its task back at once, so a
    /// tool that blocks its thread (synchronous I/O, <c>Thread.Sleep</c>, <c>.Result</c>, a long lock) still cannot make the
    /// webhook late. That hand-off costs a thread-pool work item and often a thread switch per call, one to two microseconds.
    /// </para>
    /// <para>
    /// Set it for a tool that only computes or awaits (an in-memory lookup, an <c>await</c>ed HTTP or database call): it then
    /// runs on the calling thread (the request's for a webhook or MCP call, the queue worker's for an async tool's background
    /// run) up to its first incomplete <c>await</c>, and the deadline holds from there as for any tool. If such a tool blocks
    /// after all, the deadline cannot be kept for its call: the answer waits for the thread. Its thread still counts as inside
    /// tool code, so the thread pool is still grown for it.
    /// </para>
    /// </remarks>
    public bool NonBlocking { get; set; }

    /// <summary>Gets or sets example arguments for the tool, as a JSON object, e.g. <c>{"date":"2030-01-15","guests":2}</c>.</summary>
    /// <remarks>
    /// Not exported to Flireo. The self-hosted server's Development banner uses it for its ready-to-paste sample call (instead
    /// of arguments made up from the schema, which may not pass the tool's own checks). It must be a JSON object: the
    /// startup checks and <c>flireo-tools validate</c> report anything else.
    /// </remarks>
    [StringSyntax(StringSyntaxAttribute.Json)]
    public string? Example { get; set; }

    /// <summary>Gets or sets after how many seconds a sync tool that is still running hands off: the webhook is answered with
    /// <see cref="HandOffMessage"/> and the result is spoken into the call when the tool ends. Zero (the default) never hands off.</summary>
    /// <remarks>
    /// <para>
    /// Must be shorter than <see cref="FlireoToolsOptions.SyncTimeout"/> (default 9 seconds), and <see cref="TimeoutSeconds"/>
    /// must be longer: the tool keeps running up to that limit. When it ends, its result (a string as is, another result as
    /// the tool name and compact JSON, a failure as its model-facing text) is sent once with the Call Control command
    /// <c>inject-context</c> and <c>trigger_response: true</c>, as <see cref="AnnounceResult"/> does; a call that has ended
    /// by then drops it with a log line. Needs <c>Flireo:Api:Key</c>.
    /// </para>
    /// <para>
    /// A tool that finishes in time answers normally. A webhook without a call id cannot hand off; the tool then has the
    /// sync limit. The tool stays sync in the exported definitions, so <see cref="Message"/> is still said while it runs.
    /// </para>
    /// </remarks>
    public double HandOffAfterSeconds { get; set; }

    /// <summary>Gets or sets the result a hand-off answers the webhook with, or <see langword="null"/> for
    /// <see cref="ToolDescriptor.DefaultHandOffMessage"/>; needs <see cref="HandOffAfterSeconds"/>.</summary>
    /// <remarks>The model reads it as the tool's result, so write it as what to tell the caller ("I'm still checking the book; I'll tell you in a moment.").</remarks>
    public string? HandOffMessage { get; set; }
}
