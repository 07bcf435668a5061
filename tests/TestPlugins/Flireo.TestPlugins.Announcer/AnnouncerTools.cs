using Flireo.Tools;

namespace Flireo.TestPlugins.Announcer;

/// <summary>Tools that speak into the live call: an async tool that announces its result, and a sync tool that hands off.</summary>
public sealed class AnnouncerTools
{
    [FlireoTool("note_and_announce", Async = true, AnnounceResult = true, Description = "Notes a text and announces it into the call.", Message = "Noting that.")]
    public static string NoteAndAnnounce(string text) => $"Noted: {text}";

    [FlireoTool("check_slowly", HandOffAfterSeconds = 2, TimeoutSeconds = 30, Description = "Checks something slowly; hands off after 2 seconds.", Message = "Let me check.")]
    public static async Task<string> CheckSlowlyAsync(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return "Checked.";
    }
}
