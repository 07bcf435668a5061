using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flireo.Tools.Protocol;

/// <summary>The JSON writer settings of every webhook answer.</summary>
internal static class WebhookJson
{
    /// <summary>
    /// Relaxed escaping: answers are JSON read by the platform, never HTML, so <c>+</c>, <c>'</c> and non-ASCII letters
    /// are written as they are (<c>"+31612345678"</c>, <c>"I'll"</c>, <c>"Zoë"</c>), still valid UTF-8 JSON.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
