using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.WebApp.Calls;
using Flireo.Examples.WebApp.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRestaurantServices(builder.Configuration);
builder.Services.AddSingleton<ICallSummaryStore, InMemoryCallSummaryStore>();
builder.Services.AddHealthChecks();

// Options bind from the "Flireo" section: set Flireo:WebhookSecret (env Flireo__WebhookSecret) to the assistant's secret.
builder.Services.AddFlireoTools()
    .AddToolsFromAssemblyOf<ReservationTools>()
    .AddAssistantRequestHandler<GreetingHandler>()
    .AddStatusUpdateHandler<StatusLoggingHandler>()
    .AddEndOfCallReportHandler<CallSummaryHandler>();

var app = builder.Build();

app.MapFlireoWebhooks("/flireo");
app.MapHealthChecks("/healthz");

// Call summaries are personal data: put this behind .RequireAuthorization() before exposing the app.
app.MapGet("/calls/{callId}/summary", async (string callId, ICallSummaryStore summaries, CancellationToken cancellationToken) =>
    await summaries.FindAsync(callId, cancellationToken) is { } summary ? Results.Ok(summary) : Results.NotFound());

app.Run();
