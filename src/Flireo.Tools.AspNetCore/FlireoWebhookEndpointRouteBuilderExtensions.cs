using System.Diagnostics.CodeAnalysis;
using Flireo.Tools.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Flireo webhook endpoint.</summary>
public static class FlireoWebhookEndpointRouteBuilderExtensions
{
    /// <summary>Maps one POST endpoint that receives all four Flireo webhooks, plus <c>{pattern}/tools/{name}</c> for per-tool URLs.</summary>
    /// <param name="endpoints">The endpoint route builder, usually the <see cref="WebApplication"/>.</param>
    /// <param name="pattern">The route pattern; <c>/flireo</c> by default.</param>
    /// <returns>A builder for both endpoints, to chain conventions such as <c>RequireAuthorization</c> or <c>RequireRateLimiting</c>.</returns>
    /// <remarks>
    /// Every webhook's HMAC-SHA256 signature is checked against <c>Flireo:WebhookSecret</c> (and any additional secrets).
    /// Without a secret the app refuses to start, unless the environment is Development (a loud warning is logged) or
    /// <c>Flireo:AllowUnsignedRequests</c> is set. Requires <c>services.AddFlireoTools()</c>.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>AddFlireoTools</c> was not called, or no secret is configured outside Development.</exception>
    public static IEndpointConventionBuilder MapFlireoWebhooks(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/flireo")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var endpoint = FlireoWebhookEndpoint.Create(endpoints.ServiceProvider, pattern);
        var handler = new RequestDelegate(endpoint.HandleAsync);
        var group = endpoints.MapGroup(pattern);
        group.MapPost(string.Empty, handler).WithDisplayName("Flireo webhooks");
        group.MapPost("/tools/{name}", handler).WithDisplayName("Flireo webhooks (per tool)");
        return group;
    }
}
