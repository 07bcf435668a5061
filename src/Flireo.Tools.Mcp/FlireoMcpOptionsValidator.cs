using Microsoft.Extensions.Options;

namespace Flireo.Tools.Mcp;

/// <summary>Checks the MCP options when the app starts, naming the setting and the allowed range.</summary>
internal sealed class FlireoMcpOptionsValidator : IValidateOptions<FlireoMcpOptions>
{
    public ValidateOptionsResult Validate(string? name, FlireoMcpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > FlireoMcpOptions.MaxTimeout)
        {
            return ValidateOptionsResult.Fail(
                $"Flireo:Mcp:Timeout must be more than 0 and at most {FlireoMcpOptions.MaxTimeout:c} (got {options.Timeout:c}); Flireo waits at most 60 seconds for an MCP tool.");
        }

        return ValidateOptionsResult.Success;
    }
}
