namespace Flireo.Tools.Testing;

/// <summary>Describes one tool call for <see cref="FlireoTestHost.CallToolsAsync(TestToolCall[])"/>.</summary>
/// <param name="Name">The tool name, as the model would call it.</param>
/// <param name="Arguments">
/// The arguments: an object serialised with the tools' JSON options (such as <c>new { date = "2026-03-07", partySize = 2 }</c>),
/// a <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>, a <see cref="string"/> holding
/// JSON text, or <see langword="null"/> for <c>{}</c>.
/// </param>
public sealed record TestToolCall(string Name, object? Arguments = null)
{
    /// <summary>Gets the tool call id to send, or <see langword="null"/> (the default) to let the host number the calls.</summary>
    public string? Id { get; init; }
}
