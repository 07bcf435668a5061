using System.Buffers;
using Flireo.Tools.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Flireo.Tools.AspNetCore;

/// <summary>Adapts <see cref="FlireoWebhookHandler"/> to ASP.NET Core: reads the request into a <see cref="WebhookRequest"/> and writes the <see cref="WebhookResult"/>.</summary>
internal sealed class FlireoWebhookEndpoint
{
    private readonly FlireoWebhookHandler _handler;
    private readonly int _maxBodySize;

    private FlireoWebhookEndpoint(FlireoWebhookHandler handler, int maxBodySize)
    {
        _handler = handler;
        _maxBodySize = maxBodySize;
    }

    /// <summary>Creates the endpoint from the application's services and checks that it is safe to start.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="pattern">The route pattern, for messages.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFlireoTools</c> was not called, or no secret is configured outside Development.</exception>
    public static FlireoWebhookEndpoint Create(IServiceProvider services, string pattern)
    {
        if (services.GetService<ToolRouter>() is null)
        {
            throw new InvalidOperationException("MapFlireoWebhooks needs the Flireo.Tools services, but they are not registered. "
                + "Call builder.Services.AddFlireoTools() (for example .AddFlireoTools().AddToolsFromAssemblyOf<MyTools>()) before building the app.");
        }

        var options = services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        return new FlireoWebhookEndpoint(FlireoWebhookHandler.Create(services, pattern), options.MaxRequestBodySize);
    }

    /// <summary>Handles one webhook request; never lets an exception escape for anything a caller can send.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>A task that completes when the answer has been written.</returns>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        var webhook = new WebhookRequest(new RequestBody(context, _maxBodySize), request.ContentType, new RequestHeaders(request.Headers))
        {
            ContentLength = request.ContentLength,
            ToolName = request.RouteValues.TryGetValue("name", out var name) ? name as string : null,
            Path = request.Path.ToString(),
        };

        try
        {
            using var result = await _handler.HandleAsync(webhook, aborted).ConfigureAwait(false);
            var response = context.Response;
            response.StatusCode = result.StatusCode;
            response.ContentType = result.ContentType;
            response.BodyWriter.Write(result.Body.Span);
            await response.BodyWriter.FlushAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The caller went away (the handler logged it): there is nobody to answer.
        }
    }

    private sealed class RequestHeaders(IHeaderDictionary headers) : IWebhookHeaders
    {
        public StringValues GetValues(string name) => headers[name];
    }

    /// <summary>The request body, with the server's body size limit set to Flireo's on first read and its read errors translated.</summary>
    private sealed class RequestBody(HttpContext context, int maxBodySize) : Stream
    {
        private readonly Stream _body = context.Request.Body;
        private bool _limitSet;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_limitSet)
            {
                _limitSet = true;
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
                {
                    sizeFeature.MaxRequestBodySize = maxBodySize;
                }
            }

            try
            {
                return await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex)
            {
                // Raised by the server while reading the body: over its size limit, or a malformed or truncated body.
                throw new WebhookBodyException(ex.Message, ex.StatusCode == StatusCodes.Status413PayloadTooLarge, ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
