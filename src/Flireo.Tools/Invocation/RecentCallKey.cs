using System.Text;
using System.Text.Json;

namespace Flireo.Tools.Invocation;

/// <summary>A key of <see cref="ToolCallKey"/> as <see cref="ToolCallOutcomeCache"/> keeps it: its characters in a compact byte form, how many of those bytes name the call's ids, and their hash.</summary>
/// <remarks>
/// <para>
/// Each character is written on its own, as one byte below U+0080, two bytes below U+2000 (the first 0x80–0x9F) and three
/// above (0xA0 first). The code is prefix-free, so two keys have equal bytes exactly when their text is equal, and the
/// bytes of a key start with the bytes of its ids (<see cref="ToolCallKey.IdsLength"/>). Keys are mostly ASCII: a byte
/// per character, half of a string's.
/// </para>
/// <para>
/// The ids are length-prefixed, so a key whose bytes start with another key's ids bytes has those ids.
/// </para>
/// </remarks>
/// <param name="Bytes">The key's characters in the compact form.</param>
/// <param name="IdsLength">How many of <paramref name="Bytes"/> name the call id and the tool call id.</param>
/// <param name="IdsHash">The hash of the ids.</param>
/// <param name="KeyHash">The hash of the whole key.</param>
internal readonly record struct RecentCallKey(byte[] Bytes, int IdsLength, int IdsHash, int KeyHash)
{
    // Longer retry keys (long ids) are built as a string first.
    private const int StackLength = 512;

    /// <summary>Gets the ids part of <see cref="Bytes"/>.</summary>
    public ReadOnlySpan<byte> Ids => Bytes.AsSpan(0, IdsLength);

    /// <summary>Makes the key a sync call is remembered under for retries: <see cref="ToolCallKey.ForRetry"/>, without its string.</summary>
    /// <param name="callId">The Flireo call id, or <see langword="null"/>.</param>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="arguments">The arguments as they arrived.</param>
    /// <returns>The key.</returns>
    public static RecentCallKey ForRetry(string? callId, string toolCallId, string toolName, JsonElement arguments)
    {
        Span<char> text = stackalloc char[StackLength];
        return ToolCallKey.TryWriteForRetry(text, callId, toolCallId, toolName, arguments, out var written)
            ? From(text[..written])
            : From(ToolCallKey.ForRetry(callId, toolCallId, toolName, arguments));
    }

    /// <summary>Makes the compact form of a key of <see cref="ToolCallKey"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The key in the compact form.</returns>
    public static RecentCallKey From(ReadOnlySpan<char> key)
    {
        var ids = ToolCallKey.IdsLength(key);
        var hash = string.GetHashCode(key[..ids]);
        if (Ascii.IsValid(key))
        {
            var ascii = new byte[key.Length];
            _ = Ascii.FromUtf16(key, ascii, out _);
            return new(ascii, ids, hash, Hash(ascii));
        }

        var bytes = new byte[Length(key)];
        var at = 0;
        foreach (var c in key)
        {
            if (c < 0x80)
            {
                bytes[at++] = (byte)c;
            }
            else if (c < 0x2000)
            {
                bytes[at++] = (byte)(0x80 | (c >> 8));
                bytes[at++] = (byte)c;
            }
            else
            {
                bytes[at++] = 0xA0;
                bytes[at++] = (byte)(c >> 8);
                bytes[at++] = (byte)c;
            }
        }

        return new(bytes, Length(key[..ids]), hash, Hash(bytes));
    }

    private static int Hash(byte[] bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    private static int Length(ReadOnlySpan<char> text)
    {
        var length = 0;
        foreach (var c in text)
        {
            length += c < 0x80 ? 1 : c < 0x2000 ? 2 : 3;
        }

        return length;
    }
}
