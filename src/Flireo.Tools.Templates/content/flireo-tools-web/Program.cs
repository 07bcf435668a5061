using MyToolsApp;

var builder = WebApplication.CreateBuilder(args);

// Options bind from the "Flireo" section: set Flireo:WebhookSecret (env Flireo__WebhookSecret) to the assistant's secret.
builder.Services.AddFlireoTools()
    .AddToolsFromAssemblyOf<OrderTools>()
    .AddEndOfCallReportHandler<CallEndedHandler>();

var app = builder.Build();

app.MapFlireoWebhooks("/flireo");

app.Run();

/// <summary>The app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
