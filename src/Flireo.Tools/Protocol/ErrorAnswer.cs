namespace Flireo.Tools.Protocol;

/// <summary>Specifies where the model-facing text of a failed tool call is written in a <c>results[]</c> item.</summary>
/// <remarks>
/// Flireo's documentation and SDK define an item as <c>tool_call_id</c> plus <c>result</c>; an <c>error</c> key is
/// documented nowhere. Writing the text in both keys (the default) makes sure the model hears it whichever key the
/// platform reads.
/// </remarks>
public enum ErrorAnswer
{
    /// <summary>The text in both keys: <c>{"tool_call_id":"t1","result":"…","error":"…"}</c>. The default.</summary>
    ResultAndError = 0,

    /// <summary>The text in <c>error</c> only: <c>{"tool_call_id":"t1","error":"…"}</c>.</summary>
    Error = 1,

    /// <summary>The text in <c>result</c> only: <c>{"tool_call_id":"t1","result":"…"}</c>; the answer no longer tells a failure from a success.</summary>
    Result = 2,
}
