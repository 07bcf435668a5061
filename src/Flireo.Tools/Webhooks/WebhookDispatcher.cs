using System.Collections.Concurrent;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Webhooks;

/// <summary>Dispatches the webhooks other than tool-calls to the registered handlers, without any HTTP dependency.</summary>
internal sealed class WebhookDispatcher
{
    // Unknown types are logged once each; the set is capped so a flood of invented types cannot grow it without bound.
    private const int MaxRememberedUnknownTypes = 64;

    private static readonly Func<object, StatusUpdate, CancellationToken, ValueTask> InvokeStatusUpdate =
        static (handler, update, cancellationToken) => ((IStatusUpdateHandler)handler).HandleAsync(update, cancellationToken);

    private static readonly Func<object, EndOfCallReport, CancellationToken, ValueTask> InvokeEndOfCallReport =
        static (handler, report, cancellationToken) => ((IEndOfCallReportHandler)handler).HandleAsync(report, cancellationToken);

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly WebhookEventRunner _runner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly TimeSpan _assistantRequestTimeout;
    private readonly TimeSpan _eventHandlerTimeout;
    private readonly System.Text.Json.JsonSerializerOptions _serializerOptions;
    private readonly Type[] _statusUpdateHandlers;
    private readonly Type[] _endOfCallReportHandlers;
    private readonly ConcurrentDictionary<string, byte> _unknownTypes = new(StringComparer.Ordinal);

    public WebhookDispatcher(
        IServiceScopeFactory scopeFactory,
        IServiceProviderIsService serviceProviderIsService,
        IOptions<WebhookHandlerOptions> handlers,
        IOptions<FlireoToolsOptions> options,
        WebhookEventRunner runner,
        TimeProvider timeProvider,
        ILogger<WebhookDispatcher> logger)
    {
        _scopeFactory = scopeFactory;
        _runner = runner;
        _timeProvider = timeProvider;
        _logger = logger;
        _assistantRequestTimeout = options.Value.AssistantRequestTimeout;
        _eventHandlerTimeout = options.Value.EventHandlerTimeout;
        _serializerOptions = options.Value.SerializerOptions;
        _statusUpdateHandlers = [.. handlers.Value.StatusUpdateHandlers];
        _endOfCallReportHandlers = [.. handlers.Value.EndOfCallReportHandlers];
        HasAssistantRequestHandler = serviceProviderIsService.IsService(typeof(IAssistantRequestHandler));
    }

    /// <summary>Gets a value indicating whether an assistant-request handler is registered.</summary>
    public bool HasAssistantRequestHandler { get; }

    /// <summary>Runs the assistant-request handler under its time limit; never throws except when the caller cancels.</summary>
    /// <param name="message">The assistant-request webhook.</param>
    /// <param name="cancellationToken">Cancelled when the caller disconnects.</param>
    /// <returns>The handler's answer, or <see cref="AssistantResponse.Default"/> on timeout, failure or without a handler.</returns>
    public async ValueTask<AssistantResponse> HandleAssistantRequestAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!HasAssistantRequestHandler)
        {
            return AssistantResponse.Default;
        }

        var request = WebhookEventReader.ReadAssistantRequest(message);
        var started = _timeProvider.GetTimestamp();
        var deadline = Deadline.Linked(cancellationToken);
        var work = InvokeAssistantRequestHandlerAsync(request, deadline.Token);
        switch (await Deadline.WaitAsync(work, _assistantRequestTimeout, _timeProvider, cancellationToken))
        {
            case DeadlineEnd.Completed:
                deadline.Complete();
                var response = work.Result;
                if (response is not null && _logger.IsEnabled(LogLevel.Debug))
                {
                    var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
                    WebhookLog.AssistantRequestHandled(_logger, request.Call.Id, elapsedMs);
                }

                return response ?? AssistantResponse.Default;
            case DeadlineEnd.TimedOut:
                deadline.Abandon(work);
                WebhookLog.AssistantRequestTimedOut(_logger, request.Call.Id, _assistantRequestTimeout.TotalMilliseconds);
                return AssistantResponse.Default;
            default:
                deadline.Abandon(work);
                throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>Starts the handlers of a status-update or end-of-call-report in the background; logs unknown types once.</summary>
    /// <param name="message">The webhook; the handlers get copies of what they need, so it may be disposed at once.</param>
    public void Publish(WebhookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Type)
        {
            case WebhookTypes.StatusUpdate:
                if (_statusUpdateHandlers.Length > 0)
                {
                    var update = WebhookEventReader.ReadStatusUpdate(message);
                    foreach (var handlerType in _statusUpdateHandlers)
                    {
                        _runner.Run(cancellationToken => RunEventHandlerAsync(handlerType, update, WebhookTypes.StatusUpdate, InvokeStatusUpdate, cancellationToken));
                    }
                }

                break;
            case WebhookTypes.EndOfCallReport:
                if (_endOfCallReportHandlers.Length > 0)
                {
                    var report = WebhookEventReader.ReadEndOfCallReport(message);
                    report.DataSerializerOptions = _serializerOptions;
                    foreach (var handlerType in _endOfCallReportHandlers)
                    {
                        _runner.Run(cancellationToken => RunEventHandlerAsync(handlerType, report, WebhookTypes.EndOfCallReport, InvokeEndOfCallReport, cancellationToken));
                    }
                }

                break;
            case WebhookTypes.ToolCalls or WebhookTypes.AssistantRequest:
                break;
            default:
                if (_unknownTypes.Count < MaxRememberedUnknownTypes && _unknownTypes.TryAdd(message.Type, 0))
                {
                    WebhookLog.UnknownWebhookType(_logger, message.Type);
                }

                break;
        }
    }

    private async Task<AssistantResponse?> InvokeAssistantRequestHandlerAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Leave the request thread at once, so even a handler that blocks synchronously cannot delay the answer.
            await Task.Yield();
            var scope = _scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = scope.ServiceProvider.GetRequiredService<IAssistantRequestHandler>();
                var response = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
                if (response is null)
                {
                    WebhookLog.AssistantRequestReturnedNull(_logger, request.Call.Id);
                }

                return response;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            WebhookLog.AssistantRequestFailed(_logger, ex, request.Call.Id);
            return null;
        }
    }

    private async Task RunEventHandlerAsync<TEvent>(Type handlerType, TEvent webhookEvent, string webhookType, Func<object, TEvent, CancellationToken, ValueTask> invoke, CancellationToken stoppingToken)
        where TEvent : WebhookEvent
    {
        var started = _timeProvider.GetTimestamp();
        var deadline = Deadline.Linked(stoppingToken);
        var work = InvokeEventHandlerAsync(handlerType, webhookEvent, invoke, deadline.Token);
        try
        {
            switch (await Deadline.WaitAsync(work, _eventHandlerTimeout, _timeProvider, stoppingToken))
            {
                case DeadlineEnd.Completed:
                    deadline.Complete();
                    await work.ConfigureAwait(false);
                    if (_logger.IsEnabled(LogLevel.Debug))
                    {
                        var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
                        WebhookLog.EventHandled(_logger, handlerType.Name, webhookType, webhookEvent.Call.Id, elapsedMs);
                    }

                    break;
                case DeadlineEnd.TimedOut:
                    deadline.Abandon(work);
                    WebhookLog.EventHandlerTimedOut(_logger, handlerType.Name, webhookType, webhookEvent.Call.Id, _eventHandlerTimeout.TotalMilliseconds);
                    break;
                default:
                    deadline.Abandon(work);
                    WebhookLog.EventHandlerCancelledAtShutdown(_logger, handlerType.Name, webhookType, webhookEvent.Call.Id);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The handler gave up on the shutdown's cancellation before its time limit.
            WebhookLog.EventHandlerCancelledAtShutdown(_logger, handlerType.Name, webhookType, webhookEvent.Call.Id);
        }
        catch (Exception ex)
        {
            WebhookLog.EventHandlerFailed(_logger, ex, handlerType.Name, webhookType, webhookEvent.Call.Id);
        }
    }

    private async Task InvokeEventHandlerAsync<TEvent>(Type handlerType, TEvent webhookEvent, Func<object, TEvent, CancellationToken, ValueTask> invoke, CancellationToken cancellationToken)
    {
        // Leave the caller at once, so the time limit applies even to a handler that blocks synchronously.
        await Task.Yield();
        var scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService(handlerType);
            await invoke(handler, webhookEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
