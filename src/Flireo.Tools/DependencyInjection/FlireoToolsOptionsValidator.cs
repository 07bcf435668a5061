using Microsoft.Extensions.Options;

namespace Flireo.Tools.DependencyInjection;

/// <summary>Checks the option values that DataAnnotations cannot express, naming the setting to fix.</summary>
internal sealed class FlireoToolsOptionsValidator : IValidateOptions<FlireoToolsOptions>
{
    public ValidateOptionsResult Validate(string? name, FlireoToolsOptions options)
    {
        var failures = new List<string>();
        if (options.SyncTimeout <= TimeSpan.Zero || options.SyncTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Flireo:SyncTimeout must be between 0 and 10 minutes (got {options.SyncTimeout}); Flireo waits at most 10 seconds, so the default 00:00:09 fits.");
        }

        if (options.AssistantRequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Flireo:AssistantRequestTimeout must be positive; Flireo waits at most 5 seconds, the default is 00:00:04.5.");
        }

        if (options.EventHandlerTimeout <= TimeSpan.Zero)
        {
            failures.Add("Flireo:EventHandlerTimeout must be positive.");
        }

        if (options.TimestampTolerance <= TimeSpan.Zero)
        {
            failures.Add("Flireo:TimestampTolerance must be positive (default 00:05:00).");
        }

        if (options.AsyncTools.Timeout <= TimeSpan.Zero || options.AsyncTools.RetryDelay < TimeSpan.Zero || options.AsyncTools.MaxRetryDelay < options.AsyncTools.RetryDelay)
        {
            failures.Add("Flireo:AsyncTools: Timeout must be positive and MaxRetryDelay at least RetryDelay.");
        }

        if (!Enum.IsDefined(options.ErrorAnswer))
        {
            failures.Add($"Flireo:ErrorAnswer must be one of ResultAndError (the default), Error or Result (got {options.ErrorAnswer}).");
        }

        if (options.SerializerOptions is null)
        {
            failures.Add("Flireo SerializerOptions must not be null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
