using Microsoft.Extensions.Options;

namespace Flireo.Tools.Platform;

/// <summary>Checks <c>Flireo:Api</c>, naming the setting to fix.</summary>
internal sealed class FlireoApiOptionsValidator : IValidateOptions<FlireoToolsOptions>
{
    public ValidateOptionsResult Validate(string? name, FlireoToolsOptions options)
    {
        var api = options.Api;
        var failures = new List<string>();
        if (api.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Flireo:Api:BaseUrl must be an absolute http or https URL (default {FlireoApiOptions.DefaultBaseUrl}).");
        }

        if (api.AttemptTimeout <= TimeSpan.Zero || api.TotalTimeout < api.AttemptTimeout)
        {
            failures.Add("Flireo:Api:AttemptTimeout must be positive and Flireo:Api:TotalTimeout at least as long.");
        }

        if (api.MaxRetries is < 0 or > 10)
        {
            failures.Add("Flireo:Api:MaxRetries must be between 0 and 10 (default 3).");
        }

        if (api.CommandsPerMinutePerCall < 0)
        {
            failures.Add("Flireo:Api:CommandsPerMinutePerCall must not be negative (default 10, the platform's limit; 0 turns the limit off).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
