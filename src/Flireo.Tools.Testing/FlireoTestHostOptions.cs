using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Testing.Platform;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing;

/// <summary>Configures a <see cref="FlireoTestHost"/>: how it signs, where it posts, and what the webhooks it sends look like.</summary>
public sealed class FlireoTestHostOptions
{
    /// <summary>Gets or sets the secret the app is configured with and every webhook is signed with. Default <see cref="FlireoTestHost.DefaultWebhookSecret"/>.</summary>
    /// <remarks>
    /// It replaces the app's own <c>Flireo:WebhookSecret</c>, so the tests never need the real one. Set it to
    /// <see langword="null"/> for unsigned mode: the app then accepts unsigned webhooks
    /// (<see cref="FlireoToolsOptions.AllowUnsignedRequests"/>) and the host sends none.
    /// </remarks>
    public string? WebhookSecret { get; set; } = FlireoTestHost.DefaultWebhookSecret;

    /// <summary>Gets or sets the path the webhooks are posted to. Default <c>/flireo</c>.</summary>
    /// <remarks>A host built with <see cref="FlireoTestHost.Create(Action{Microsoft.Extensions.DependencyInjection.IServiceCollection}, Action{FlireoTestHostOptions}?)"/> maps the endpoint there; with an app's own <c>Program</c> it must match its <c>MapFlireoWebhooks</c> pattern.</remarks>
    public string WebhookPath { get; set; } = "/flireo";

    /// <summary>Gets or sets the key casing of the webhooks the host writes. Default <see cref="WebhookCasing.SnakeCase"/>, as current Flireo versions send.</summary>
    public WebhookCasing Casing { get; set; } = WebhookCasing.SnakeCase;

    /// <summary>Gets or sets the time the fake clock starts at. Default 1 January 2000, 00:00 UTC, like <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets or sets the call every webhook belongs to unless a send names another.</summary>
    /// <remarks>
    /// Default: id <c>test-call</c>, caller <c>+31612345678</c>, Flireo number <c>+31850000000</c>. A <see langword="null"/>
    /// <see cref="CallInfo.Type"/> is written as an inbound phone call and a <see langword="null"/> <see cref="CallInfo.Status"/>
    /// as the usual status of the webhook type (<c>ringing</c>, <c>in-progress</c> or <c>ended</c>); other
    /// <see langword="null"/> fields are left out, so <c>CustomerNumber = null</c> sends a web call without a caller number.
    /// </remarks>
    public CallInfo Call { get; set; } = new()
    {
        Id = "test-call",
        CustomerNumber = "+31612345678",
        PhoneNumber = new PhoneNumberInfo(null, "+31850000000", "Test line"),
    };

    /// <summary>Gets or sets the custom assistant metadata sent as <c>message.assistant.metadata</c>, or <see langword="null"/> (the default) for none.</summary>
    public JsonObject? AssistantMetadata { get; set; }

    /// <summary>Gets or sets the environment name of a host built from service registrations. Default <c>Development</c>, like <c>WebApplicationFactory</c>.</summary>
    /// <remarks>A host around an app's own <c>Program</c> keeps the environment its factory sets.</remarks>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Gets or sets the fake Flireo platform the app's Call Control commands go to, or <see langword="null"/> (the default) for none.</summary>
    /// <remarks>
    /// The host sets <c>Flireo:Api:BaseUrl</c> and <c>Flireo:Api:Key</c> to it unless <see cref="Settings"/> names them, and
    /// exposes it as <see cref="FlireoTestHost.Platform"/>. The test starts it (<see cref="FakeFlireoPlatform.StartAsync"/>) and disposes it.
    /// </remarks>
    public FakeFlireoPlatform? Platform { get; set; }

    /// <summary>Gets configuration values added to the app's configuration, such as <c>["Flireo:SyncTimeout"] = "00:00:05"</c>.</summary>
    /// <remarks>They are added last, so they win over the app's other sources; <c>AddFlireoTools</c> binds its options from them.</remarks>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
