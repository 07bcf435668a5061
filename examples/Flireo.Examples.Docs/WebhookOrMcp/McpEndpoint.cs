namespace Flireo.Examples.Docs.WebhookOrMcp;

/// <summary>Serves the same tools over the Flireo webhook and over MCP, as the "Webhook or MCP" page shows.</summary>
public static class McpEndpoint
{
    public static WebApplication Create(string[] args)
    {
        #region mcp-endpoint
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFlireoTools()
            .AddTools<OpeningHoursTools>()
            .AddMcp();

        var app = builder.Build();
        app.MapFlireoWebhooks("/flireo");
        app.MapFlireoMcp("/mcp");
        #endregion
        return app;
    }
}
