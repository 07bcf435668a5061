namespace Flireo.Tools;

/// <summary>Gives the assistant the platform's built-in <c>end_call</c> tool, so it can hang up by itself.</summary>
/// <remarks>
/// Declared once per assembly: <c>[assembly: FlireoEndCallTool]</c>. <c>flireo-tools export</c> writes it as
/// <c>{"type": "end_call"}</c> after the webhook tools, and <c>flireo-tools push</c> keeps it on the assistant. The platform
/// runs built-in tools itself; they never reach the webhook.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class FlireoEndCallToolAttribute : Attribute;
