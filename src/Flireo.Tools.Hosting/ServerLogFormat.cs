namespace Flireo.Tools.Hosting;

/// <summary>Specifies how the server writes its log to the console.</summary>
internal enum ServerLogFormat
{
    /// <summary>Readable text on an interactive terminal, compact JSON when the output is redirected (containers, files).</summary>
    Auto,

    /// <summary>Readable text, one line per event.</summary>
    Text,

    /// <summary>Compact JSON (CLEF), one object per line.</summary>
    Json,
}
