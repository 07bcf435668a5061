using System.ComponentModel.DataAnnotations;

namespace Flireo.Tools.Platform;

/// <summary>Configures the Flireo platform client; bound from <c>Flireo:Api</c>.</summary>
public sealed class FlireoApiOptions
{
    /// <summary>The base URL of the Flireo REST API, as the vendor's SDK uses it.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.hmsovereign.com/api/v1");

    /// <summary>Gets or sets the base URL of the REST API. Default <c>https://api.hmsovereign.com/api/v1</c>.</summary>
    /// <remarks>Tests point it at <c>FakeFlireoPlatform</c> (<c>Flireo__Api__BaseUrl</c>).</remarks>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Gets or sets the API key sent as a bearer token, from the dashboard's Settings › API Keys.</summary>
    /// <remarks>
    /// A secret: keep it out of source control (<c>Flireo__Api__Key</c> or a secret store). It is never logged; the
    /// <c>Authorization</c> header is redacted from HTTP client logs. Without it, commands throw <see cref="FlireoApiException"/>.
    /// </remarks>
    public string? Key { get; set; }

    /// <summary>Gets or sets the time limit of one HTTP attempt. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the time limit of one command including every retry and wait. Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how often a command is retried after a 429, a 5xx or a timeout. Default 3; 0 turns retries off.</summary>
    /// <remarks>400, 401, 403, 404 and the other client errors are never retried.</remarks>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets how many commands one call may be sent per minute. Default 10, the platform's limit.</summary>
    /// <remarks>
    /// Further commands for the same call wait (oldest first) until the window moves on; when as many commands are already
    /// waiting, the command is not sent and answered <see cref="CallControlStatus.RateLimited"/>. Zero turns the limit off.
    /// </remarks>
    [Range(0, 10_000)]
    public int CommandsPerMinutePerCall { get; set; } = 10;

    /// <summary>Gets or sets the delay before the first retry when the platform names none; it doubles per retry, with jitter. Default 1 second.</summary>
    internal TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the window of <see cref="CommandsPerMinutePerCall"/>; one minute except in tests.</summary>
    internal TimeSpan CommandWindow { get; set; } = TimeSpan.FromMinutes(1);
}
