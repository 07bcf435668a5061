using Flireo.Tools;

namespace Flireo.Examples.Docs.WritingTools;

#region maintenance-filter
/// <summary>While booking is offline, answers the booking tools with a message for the model instead of running them.</summary>
public sealed class MaintenanceFilter(MaintenanceSwitch maintenance) : IToolCallFilter
{
    public ValueTask<ToolCallResult> InvokeAsync(ToolCallFilterContext context, ToolCallStep nextStep)
    {
        if (maintenance.IsOn && context.Tool?.Name is "book_appointment" or "cancel_appointment")
        {
            return ValueTask.FromResult(ToolCallResult.Failure(
                context.Call.Id,
                "Booking is offline for maintenance until 14:00. Offer to take a message and call the patient back."));
        }

        return nextStep(context);
    }
}
#endregion
