using Flireo.Tools.Protocol;

namespace Flireo.Tools.Definitions;

/// <summary>Configures how <see cref="ToolDefinitions"/> writes tool definitions.</summary>
public sealed class ToolDefinitionOptions
{
    /// <summary>Gets or sets the public base address of the webhook host, such as <c>https://tools.example.com</c>.</summary>
    /// <remarks>
    /// Default <see langword="null"/>: no <c>url</c> is written and each tool uses the assistant's <c>webhook_url</c>.
    /// When set it must be an absolute <c>http</c> or <c>https</c> address; a trailing <c>/</c> is ignored.
    /// </remarks>
    public string? BaseUrl { get; set; }

    /// <summary>Gets or sets the path of the webhook endpoint below <see cref="BaseUrl"/>. Default <c>/flireo</c>.</summary>
    /// <remarks>A missing leading <c>/</c> is added and a trailing one is ignored; only used when <see cref="BaseUrl"/> is set.</remarks>
    public string WebhookPath { get; set; } = "/flireo";

    /// <summary>Gets or sets a value indicating whether each tool gets its own address, <c>{BaseUrl}{WebhookPath}/tools/{name}</c>.</summary>
    /// <remarks>Default <see langword="false"/>: every tool points at <c>{BaseUrl}{WebhookPath}</c>.</remarks>
    public bool PerToolUrls { get; set; }

    /// <summary>Gets or sets a value indicating whether the strict parameter schemas are written (every property required, optional ones nullable).</summary>
    /// <remarks>
    /// Default <see langword="false"/>. Use it for engines that enforce schemas like OpenAI strict mode. The
    /// <see cref="ToolDefinitionShape.OpenAI"/> shape then also writes <c>"strict": true</c> for each tool whose schema
    /// strict mode can express (no dictionaries, no any-value parameters).
    /// </remarks>
    public bool Strict { get; set; }

    /// <summary>Gets or sets the shape of each definition. Default <see cref="ToolDefinitionShape.Flat"/>.</summary>
    public ToolDefinitionShape Shape { get; set; } = ToolDefinitionShape.Flat;

    /// <summary>Gets or sets the casing of multi-word definition keys. Default <see cref="WebhookCasing.SnakeCase"/>.</summary>
    /// <remarks>
    /// Only the legacy <c>async_response</c> key has two spellings (<c>asyncResponse</c> in earlier platform versions; see
    /// <see cref="LegacyAsyncResponse"/>); <c>message</c>, <c>description</c> and parameter names are the same in both.
    /// </remarks>
    public WebhookCasing Naming { get; set; } = WebhookCasing.SnakeCase;

    /// <summary>Gets or sets a value indicating whether a tool's <c>message</c> is also written under its legacy key, <c>async_response</c> (<c>asyncResponse</c> in camelCase).</summary>
    /// <remarks>
    /// Default <see langword="false"/>: only <c>message</c>, the current name, is written. Turn it on for agents set up before
    /// the platform read <c>message</c>; both keys then carry the same text. Only the <see cref="ToolDefinitionShape.Flat"/>
    /// shape has a place for the text.
    /// </remarks>
    public bool LegacyAsyncResponse { get; set; }
}
