// lookup_contact from a generated catalog behind MapFlireoWebhooks, published Native AOT: the load test's like-for-like
// counterpart of the bare-Kestrel reference published the same way (run-load.sh section 9). No logging provider, no
// Server header, like the reference; the address comes from --urls, Flireo options from configuration as usual
// (env Flireo__WebhookSecret, Flireo__IdempotencyCapacity, ...).
using System.Text.Json.Serialization;
using Flireo.Tools.Benchmarks.GeneratedTools;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(static kestrel => kestrel.AddServerHeader = false);

// Reflection-based JSON is off in a Native AOT app: the tool's result type comes from a source-generated context.
// The generator intercepts the registration: the tools come from the catalog without scanning (docs/native-aot.md).
builder.Services.AddFlireoTools(static options => options.SerializerOptions.TypeInfoResolverChain.Add(AotHostJson.Default))
    .AddToolsFromAssemblyOf<GeneratedContactTools>();

var app = builder.Build();
app.MapFlireoWebhooks("/flireo");
app.Run();

/// <summary>The JSON metadata of the tool's result, for an app without reflection-based JSON.</summary>
[JsonSerializable(typeof(ContactAnswer))]
internal sealed partial class AotHostJson : JsonSerializerContext;
