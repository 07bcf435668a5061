using System.Diagnostics.CodeAnalysis;
using Flireo.Tools;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers handlers for the assistant-request, status-update and end-of-call-report webhooks.</summary>
public static class WebhookFlireoToolsBuilderExtensions
{
    /// <summary>Registers the handler that answers <c>assistant-request</c> webhooks, replacing any registered before.</summary>
    /// <typeparam name="THandler">The handler type; resolved in its own scope per webhook.</typeparam>
    /// <param name="builder">The Flireo.Tools builder.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>Without a handler, assistant-request webhooks are answered <c>{}</c> (use the saved assistant).</remarks>
    public static IFlireoToolsBuilder AddAssistantRequestHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IFlireoToolsBuilder builder)
        where THandler : class, IAssistantRequestHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFlireoWebhookDispatch();
        builder.Services.RemoveAll<IAssistantRequestHandler>();
        builder.Services.AddScoped<IAssistantRequestHandler, THandler>();
        return builder;
    }

    /// <summary>Adds a handler for <c>status-update</c> webhooks; several may be added and each runs independently.</summary>
    /// <typeparam name="THandler">The handler type; resolved in its own scope per webhook. Adding the same type twice has no effect.</typeparam>
    /// <param name="builder">The Flireo.Tools builder.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddStatusUpdateHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IFlireoToolsBuilder builder)
        where THandler : class, IStatusUpdateHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFlireoWebhookDispatch();
        builder.Services.TryAddScoped<THandler>();
        builder.Services.Configure<WebhookHandlerOptions>(static options => AddOnce(options.StatusUpdateHandlers, typeof(THandler)));
        return builder;
    }

    /// <summary>Adds a handler for <c>end-of-call-report</c> webhooks; several may be added and each runs independently.</summary>
    /// <typeparam name="THandler">The handler type; resolved in its own scope per webhook. Adding the same type twice has no effect.</typeparam>
    /// <param name="builder">The Flireo.Tools builder.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddEndOfCallReportHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IFlireoToolsBuilder builder)
        where THandler : class, IEndOfCallReportHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFlireoWebhookDispatch();
        builder.Services.TryAddScoped<THandler>();
        builder.Services.Configure<WebhookHandlerOptions>(static options => AddOnce(options.EndOfCallReportHandlers, typeof(THandler)));
        return builder;
    }

    private static void AddOnce(List<Type> types, Type type)
    {
        if (!types.Contains(type))
        {
            types.Add(type);
        }
    }
}
