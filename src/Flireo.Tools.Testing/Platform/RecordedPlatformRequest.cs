namespace Flireo.Tools.Testing.Platform;

/// <summary>Describes one HTTP request a <see cref="FakeFlireoPlatform"/> received and how it answered.</summary>
public sealed class RecordedPlatformRequest
{
    /// <summary>Gets the HTTP method, for example <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path below the base URL, for example <c>/calls/abc/control</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Gets every request header, keys compared without case; <c>Authorization</c> included, so tests can check the key sent.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Gets the request body as text (empty when there was none).</summary>
    public required string Body { get; init; }

    /// <summary>Gets the HTTP status the fake answered with.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Gets when the request arrived, on the wall clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the value of the <c>Authorization</c> header, or <see langword="null"/> when there was none.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;
}
