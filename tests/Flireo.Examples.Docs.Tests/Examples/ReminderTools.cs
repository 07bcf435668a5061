using Flireo.Tools;

namespace Flireo.Examples.Docs.Tests.Examples;

// A mistake the writing-tools page shows Flireo.Tools catching at startup. It lives here, not in
// examples/Flireo.Examples.Docs, so that no host that scans that assembly trips over it.
#region broken-tool
public sealed class ReminderTools
{
    [FlireoTool("send_reminder", Async = true)]
    public Task<bool> SendReminderAsync(string phoneNumber, CancellationToken cancellationToken) => Task.FromResult(true);
}
#endregion
