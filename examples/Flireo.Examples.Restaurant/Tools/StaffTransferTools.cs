using Flireo.Tools;
using Flireo.Tools.Platform;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Puts the caller through to a person at the restaurant.</summary>
/// <param name="options">The restaurant options, for the front desk's number.</param>
public sealed class StaffTransferTools(IOptions<RestaurantOptions> options)
{
    /// <summary>Transfers the call to the front desk through the Call Control API (<see cref="ToolCallContext.Call"/>).</summary>
    /// <param name="call">The tool call, for the live call it belongs to.</param>
    /// <param name="cancellationToken">Cancelled when the call's deadline passes.</param>
    /// <returns>What happened, for the model: transferring, or that nobody can be reached.</returns>
    /// <remarks>
    /// The platform says <c>message</c> and then transfers; the call leaves the assistant. A call that has already ended
    /// answers <see cref="CallControlStatus.CallNotActive"/>, which is an outcome, not an exception. Needs <c>Flireo:Api:Key</c>.
    /// </remarks>
    [FlireoTool("transfer_to_staff", Message = "One moment, I'll put you through.",
        Description = "Transfers the caller to a person at the restaurant. Use it when the caller asks for a person, or for what the other tools cannot do, such as groups larger than 8 or a complaint.")]
    public async Task<ToolResult> TransferToStaffAsync(ToolCallContext call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var result = await call.Call.TransferAsync(options.Value.StaffPhone, "Connecting you to a colleague now.", cancellationToken);
        return result.Status switch
        {
            CallControlStatus.Sent => ToolResult.Ok("The caller is being transferred to a colleague."),
            CallControlStatus.RateLimited => ToolResult.Error("The transfer could not be started right now. Apologise and offer to try again in a minute."),
            _ => ToolResult.Error("The call can no longer be transferred."),
        };
    }
}
