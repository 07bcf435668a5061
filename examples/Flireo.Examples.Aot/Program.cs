using Flireo.Examples.Aot.Tools;

var builder = WebApplication.CreateSlimBuilder(args);

// Options bind from the "Flireo" section: set Flireo:WebhookSecret (env Flireo__WebhookSecret) to the assistant's secret.
// The tools come from the catalog the source generator wrote for this assembly: in a Native AOT app it intercepts this
// AddToolsFromAssemblyOf<T>() call and registers the catalog's tools without scanning, so the publish gives no trim or
// AOT warning (docs/native-aot.md).
builder.Services.AddFlireoTools()
    .AddToolsFromAssemblyOf<OpeningHoursTools>();

var app = builder.Build();

app.MapFlireoWebhooks("/flireo");

app.Run();
