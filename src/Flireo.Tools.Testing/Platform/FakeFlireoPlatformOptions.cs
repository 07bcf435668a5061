namespace Flireo.Tools.Testing.Platform;

/// <summary>Configures a <see cref="FakeFlireoPlatform"/>.</summary>
public sealed class FakeFlireoPlatformOptions
{
    /// <summary>Gets or sets the API key the fake accepts as a bearer token. Default <see cref="FakeFlireoPlatform.DefaultApiKey"/>.</summary>
    public string ApiKey { get; set; } = FakeFlireoPlatform.DefaultApiKey;

    /// <summary>Gets or sets how many commands per minute one call takes before the fake answers 429 with <c>Retry-After</c>. Default 10, the platform's limit; zero turns it off.</summary>
    public int CommandsPerMinutePerCall { get; set; } = 10;
}
