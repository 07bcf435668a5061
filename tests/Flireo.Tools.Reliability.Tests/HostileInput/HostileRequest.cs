namespace Flireo.Tools.Reliability.Tests.HostileInput;

/// <summary>How the headers of a hostile request are written.</summary>
internal enum HeaderMode
{
    /// <summary>Timestamp and signature of the body, as Flireo sends them.</summary>
    Signed,

    /// <summary>Neither timestamp nor signature.</summary>
    Unsigned,

    /// <summary>A timestamp but no signature.</summary>
    TimestampOnly,

    /// <summary>A signature but no timestamp.</summary>
    SignatureOnly,

    /// <summary>Signed with a secret the app does not know.</summary>
    WrongSecret,

    /// <summary>Signed correctly, with a timestamp ten minutes old.</summary>
    Stale,

    /// <summary>A signature header of random text.</summary>
    GarbageSignature,

    /// <summary>Two signature headers, the valid one second.</summary>
    DuplicateSignature,

    /// <summary>Signed correctly, with an X-Webhook-Event header that differs from message.type.</summary>
    EventMismatch,

    /// <summary>Signed correctly, with many extra headers of odd names and values.</summary>
    ExtraHeaders,
}

/// <summary>One generated request and the statuses the endpoint may answer it with.</summary>
/// <param name="Category">What was done to the request, for the tally.</param>
/// <param name="Body">The exact body bytes.</param>
/// <param name="Headers">How the signature headers are written.</param>
/// <param name="ContentType">The Content-Type header, or <see langword="null"/> for none.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Allowed">The statuses the endpoint may answer with.</param>
/// <param name="Chunked">Whether the body is sent without a Content-Length.</param>
internal sealed record HostileRequest(
    string Category,
    byte[] Body,
    HeaderMode Headers,
    string? ContentType,
    string Method,
    int[] Allowed,
    bool Chunked = false);
