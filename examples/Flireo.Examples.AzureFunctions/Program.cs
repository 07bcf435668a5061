using Flireo.Examples.Restaurant.Tools;
using Flireo.Tools.Webhooks;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// Options bind from the "Flireo" section: set the app setting Flireo__WebhookSecret to the assistant's secret.
builder.Services.AddRestaurantServices(builder.Configuration);
builder.Services.AddFlireoTools().AddToolsFromAssemblyOf<ReservationTools>();

var host = builder.Build();

// Creating the handler checks the secret: without one outside Development the worker stops here, before any traffic.
host.Services.GetRequiredService<FlireoWebhookHandler>();
host.Run();
