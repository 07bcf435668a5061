using System.ComponentModel.DataAnnotations;
using Flireo.Tools.Protocol;

namespace Flireo.Tools;

/// <summary>Configures Flireo.Tools; bound from the <c>Flireo</c> configuration section.</summary>
public sealed class FlireoToolsOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Flireo";

    /// <summary>Gets or sets the webhook secret configured on the Flireo assistant.</summary>
    /// <remarks>Keep it out of source control: use <c>Flireo__WebhookSecret</c> or a secret store.</remarks>
    public string? WebhookSecret { get; set; }

    /// <summary>Gets additional accepted secrets, for rotation or per-tool URLs with their own secret.</summary>
    public IList<string> AdditionalWebhookSecrets { get; } = [];

    /// <summary>Gets or sets a value indicating whether requests without a valid signature are accepted when no secret is set.</summary>
    /// <remarks>Default <see langword="false"/>: outside Development the app refuses to start without a secret. Only for trusted networks.</remarks>
    public bool AllowUnsignedRequests { get; set; }

    /// <summary>Gets or sets an optional bearer token that every webhook must carry in its <c>Authorization</c> header.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Gets or sets how far a webhook timestamp may be from now. Default 5 minutes.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the time limit for all sync tool calls of one webhook. Default 9 seconds, below Flireo's 10.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(9);

    /// <summary>Gets or sets the time limit for the assistant-request handler. Default 4.5 seconds, below Flireo's 5.</summary>
    public TimeSpan AssistantRequestTimeout { get; set; } = TimeSpan.FromSeconds(4.5);

    /// <summary>Gets or sets the time limit for each status-update and end-of-call-report handler. Default 30 seconds.</summary>
    public TimeSpan EventHandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether exception text is shown to the model and in error answers.</summary>
    /// <remarks>Default <see langword="false"/>. Exception text can leak internals; turn it on in development only.</remarks>
    public bool IncludeDetailedErrors { get; set; }

    /// <summary>Gets or sets the largest webhook body accepted, in bytes. Default 1 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting accepted in a webhook body. Default 64.</summary>
    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Gets or sets the largest result one tool call may answer with, in bytes of JSON. Default 64 KiB.</summary>
    /// <remarks>
    /// A larger result is not sent: the call is answered with an error naming the tool and the size, and a warning is
    /// logged. A voice model cannot use more in a phone call, and the limit bounds the memory of remembered outcomes
    /// (at most <see cref="IdempotencyCapacity"/> results of this size).
    /// </remarks>
    [Range(1024, int.MaxValue)]
    public int MaxResultSize { get; set; } = 64 * 1024;

    /// <summary>Gets or sets how many sync tool calls may run at once, across all webhooks. Default 512.</summary>
    /// <remarks>
    /// A call over the limit is not started: it is answered at once with the error "The server is busy, try again in a
    /// moment." and counted in the <c>flireo.tools.busy</c> metric, instead of taking a thread. A call answered with a
    /// timeout keeps its place until its tool really returns, because until then it holds a thread. The limit bounds the
    /// threads that tools which block them can take (a webhook may carry hundreds of calls); async tools are bounded by
    /// <see cref="AsyncToolOptions.MaxConcurrency"/>.
    /// </remarks>
    [Range(1, 100_000)]
    public int MaxConcurrentToolCalls { get; set; } = 512;

    /// <summary>Gets or sets how many tool calls one webhook may carry. Default 32.</summary>
    /// <remarks>
    /// Calls past the limit do not run: each is answered with an error naming the limit, so there is still one result
    /// per call, in order. The refusals are counted in the <c>flireo.tools.calls</c> metric with outcome <c>too_many_calls</c>.
    /// </remarks>
    [Range(1, int.MaxValue)]
    public int MaxToolCallsPerMessage { get; set; } = 32;

    /// <summary>Gets or sets the casing of answers; <see langword="null"/> (the default) mirrors each request.</summary>
    public WebhookCasing? ResponseCasing { get; set; }

    /// <summary>Gets or sets where the text of a failed tool call is written in its answer item. Default <see cref="ErrorAnswer.ResultAndError"/>.</summary>
    /// <remarks>
    /// Flireo documents a <c>results[]</c> item as <c>tool_call_id</c> plus <c>result</c>, so by default an error's text
    /// is written in both <c>result</c> and <c>error</c>: the model hears it whichever key the platform reads.
    /// </remarks>
    public ErrorAnswer ErrorAnswer { get; set; } = ErrorAnswer.ResultAndError;

    /// <summary>Gets or sets how long the outcome of a tool call is remembered to answer a retried webhook without running the tool again. Default 10 minutes.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how many tool calls are remembered at most: the outcomes of sync calls, for retried webhooks, and the ids of every call, for the warning about a reused tool call id. Default 10,000.</summary>
    [Range(0, int.MaxValue)]
    public int IdempotencyCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets the JSON options shared by the parameter schemas, argument binding and result serialisation.</summary>
    /// <remarks>
    /// Defaults: web defaults (camelCase, case-insensitive reading), enums as strings, nullable annotations respected,
    /// <see cref="double"/> and <see cref="float"/> arguments only as finite numbers (NaN, Infinity and values out of
    /// range are invalid arguments). To change them, add to the default instance rather than replacing it.
    /// </remarks>
    public System.Text.Json.JsonSerializerOptions SerializerOptions { get; set; } = Invocation.ToolJson.CreateDefaultOptions();

    /// <summary>Gets or sets a value indicating whether tools come from the catalogs the source generator wrote, where an assembly has one. Default <see langword="true"/>.</summary>
    /// <remarks>
    /// With the Flireo.Tools package the generator runs in every project that references it: <c>AddToolsFromAssemblyOf&lt;T&gt;()</c>
    /// then takes the assembly's tools, their settings and their schemas from its generated catalog instead of scanning types
    /// and running the reflection schema generator (docs/native-aot.md). Set <see langword="false"/>
    /// (<c>Flireo:UseGeneratedToolCatalog</c>) to force the reflection path, for example to compare the two.
    /// </remarks>
    public bool UseGeneratedToolCatalog { get; set; } = true;

    // The compile-time validator checks this class's own DataAnnotations, as ValidateDataAnnotations did: not the nested
    // options', whose limits FlireoApiOptionsValidator checks (Api) or the queue clamps where it reads them (AsyncTools).
#pragma warning disable SYSLIB1212 // Nested options with annotations are not validated through this class.

    /// <summary>Gets the options of the in-process async work queue.</summary>
    public AsyncToolOptions AsyncTools { get; } = new();

    /// <summary>Gets the options of the Flireo platform client (<c>Flireo:Api</c>): base URL, API key, retries, per-call limit.</summary>
    public Platform.FlireoApiOptions Api { get; } = new();
#pragma warning restore SYSLIB1212
}
