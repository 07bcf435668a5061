using Flireo.Tools;

namespace Flireo.Examples.Docs.Migrating;

/// <summary>A tool's spoken text under its old name, as tools written before <see cref="FlireoToolAttribute.Message"/> set it.</summary>
public sealed class LegacySpokenTextTools
{
#pragma warning disable CS0618 // The migrating page shows the obsolete name on purpose.
    #region migrating-async-response-before
    [FlireoTool("send_reminder", Async = true, AsyncResponse = "I'll text you a reminder.",
        Description = "Texts the patient a reminder of their next appointment.")]
    public Task SendReminderAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    #endregion
#pragma warning restore CS0618
}

/// <summary>The same tool after the migration to <see cref="FlireoToolAttribute.Message"/>.</summary>
public sealed class SpokenTextTools
{
    #region migrating-message-after
    [FlireoTool("send_reminder", Async = true, Message = "I'll text you a reminder.",
        Description = "Texts the patient a reminder of their next appointment.")]
    public Task SendReminderAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    #endregion
}
