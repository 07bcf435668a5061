using Flireo.Examples.Aot.Tools;

var builder = WebApplication.CreateSlimBuilder(args);

// Options bind from the "Flireo" section: set Flireo:WebhookSecret (env Flireo__WebhookSecret) to the assistant's secret.
// The tools' catalog and schemas come from the source generator. Their arguments are still bound and their methods invoked
// through reflection, so registering them warns (IL2026, IL3050) until the generator writes binders and invokers too;
// the publish reports these warnings, the build does not fail on them (docs/native-aot.md).
#pragma warning disable IL2026, IL3050
builder.Services.AddFlireoTools()
    .AddToolsFromAssemblyOf<OpeningHoursTools>();
#pragma warning restore IL2026, IL3050

var app = builder.Build();

app.MapFlireoWebhooks("/flireo");

app.Run();
