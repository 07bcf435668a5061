using Microsoft.Extensions.Options;

namespace Flireo.Tools.Dashboard;

/// <summary>Checks <see cref="FlireoDashboardOptions"/> at startup, naming the setting and the fix.</summary>
internal sealed class FlireoDashboardOptionsValidator : IValidateOptions<FlireoDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, FlireoDashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RecentCalls is < 0 or > FlireoDashboardOptions.MaxRecentCalls)
        {
            return ValidateOptionsResult.Fail($"Flireo:Dashboard:RecentCalls must be between 0 and {FlireoDashboardOptions.MaxRecentCalls} (got {options.RecentCalls}); 0 records no calls.");
        }

        return ValidateOptionsResult.Success;
    }
}
