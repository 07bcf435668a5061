using System.Net;

namespace Flireo.Tools.Platform;

/// <summary>The exception thrown when a Flireo API request fails in a way the caller cannot handle as an outcome.</summary>
/// <remarks>Thrown for authentication failures, a missing API key, exhausted retries of server errors and timeouts; never carries the API key.</remarks>
public sealed class FlireoApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FlireoApiException"/> class.</summary>
    public FlireoApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoApiException"/> class with a message.</summary>
    /// <param name="message">What failed.</param>
    public FlireoApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoApiException"/> class with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public FlireoApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlireoApiException"/> class for an HTTP answer.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The HTTP status the platform answered with.</param>
    /// <param name="errorCode">The platform's error code, when its answer had one.</param>
    public FlireoApiException(string message, HttpStatusCode statusCode, string? errorCode)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Gets the HTTP status of the platform's answer, or <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the platform's error code (for example <c>unauthorized</c>), when its answer had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets a value indicating whether no API key is configured, as opposed to one the platform refused.</summary>
    internal bool MissingKey { get; init; }

    /// <summary>Gets a value indicating whether the key is missing or refused (401, 403): retrying cannot help until the configuration changes.</summary>
    internal bool IsKeyProblem => MissingKey || StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
