using Flireo.Tools.Protocol;

namespace Flireo.Tools.Webhooks;

/// <summary>Represents the answer <see cref="FlireoWebhookHandler"/> gives to one webhook: a status code and a JSON body.</summary>
/// <remarks>
/// The body is complete when the handler returns, so a host writes it in one go and a failure while building it was
/// already turned into a safe answer. It may live in a pooled buffer: read <see cref="Body"/> before
/// <see cref="Dispose"/>, and dispose the result once the body is written.
/// </remarks>
public sealed class WebhookResult : IDisposable
{
    /// <summary>The content type of every answer: <c>application/json; charset=utf-8</c>.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    private readonly ReadOnlyMemory<byte> _body;
    private PooledBufferWriter? _owner;
    private bool _disposed;

    internal WebhookResult(int statusCode, ReadOnlyMemory<byte> body, PooledBufferWriter? owner = null)
    {
        StatusCode = statusCode;
        _body = body;
        _owner = owner;
    }

    /// <summary>Gets the HTTP status code: 200, or 400, 401, 413 or 415 for a refused request.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the content type of the body, always <see cref="JsonContentType"/>.</summary>
    public string ContentType { get; } = JsonContentType;

    /// <summary>Gets the UTF-8 JSON body; valid until the result is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public ReadOnlyMemory<byte> Body
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _body;
        }
    }

    /// <summary>Writes the body to a stream.</summary>
    /// <param name="destination">The response body stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the body is written.</returns>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public ValueTask WriteBodyAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.WriteAsync(Body, cancellationToken);
    }

    /// <summary>Returns the body's buffer to the pool; the body cannot be read afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _owner, null)?.Dispose();
    }

    /// <summary>Creates a result from a fixed body that needs no buffer.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="body">The body.</param>
    /// <returns>The result.</returns>
    internal static WebhookResult Fixed(int statusCode, ReadOnlyMemory<byte> body) => new(statusCode, body);
}
