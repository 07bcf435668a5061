// The reference server's host (../shared/bench/kestrel-baseline) with MapFlireoWebhooks in place of its handlers.
// Port from env PORT (default 5070); Flireo options from configuration as usual (env Flireo__WebhookSecret, ...).
using System.Net;
using Flireo.Tools.Benchmarks.Plugin;

var port = int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var p) ? p : 5070;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(o =>
{
    o.AddServerHeader = false;
    o.Listen(IPAddress.Loopback, port);
});
builder.Services.AddFlireoTools()
    .AddTools<ContactTools>()
    .AddTools<SlowTools>();

var app = builder.Build();
app.MapFlireoWebhooks("/flireo");
app.Run();
