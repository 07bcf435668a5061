namespace Flireo.Tools.Testing.Platform;

/// <summary>Describes an answer a <see cref="FakeFlireoPlatform"/> gives to a coming request instead of the normal one.</summary>
/// <param name="StatusCode">The HTTP status to answer, for example 429 or 503; ignored when <paramref name="Stall"/> is set.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header in whole seconds, or <see langword="null"/> for none.</param>
/// <param name="Stall">
/// <see langword="true"/> to answer nothing until the client gives up (closes the connection), for testing timeouts.
/// </param>
public sealed record PlatformFault(int StatusCode, TimeSpan? RetryAfter = null, bool Stall = false)
{
    /// <summary>Gets a fault that holds the request open until the client gives up.</summary>
    public static PlatformFault Hang { get; } = new(0, null, Stall: true);
}
