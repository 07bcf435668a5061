using System.Buffers;
using System.Text.Json;

namespace Flireo.Tools.Invocation;

/// <summary>A JSON writer over a growable buffer, kept per thread by its users for short writes that are copied out at once.</summary>
/// <remarks>
/// A user keeps one in a <see cref="ThreadStaticAttribute"/> field and takes it out while writing, so a write that
/// starts another (a converter serialising in turn) gets a new one rather than the one in use.
/// </remarks>
internal sealed class JsonScratch
{
    // A buffer grown past this by a large write is dropped rather than kept for the thread's life.
    private const int MaxKeptBuffer = 64 * 1024;

    private JsonScratch(JsonWriterOptions options) => Json = new Utf8JsonWriter(Buffer, options);

    /// <summary>Gets the bytes written.</summary>
    public ArrayBufferWriter<byte> Buffer { get; } = new(256);

    /// <summary>Gets the writer over <see cref="Buffer"/>.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Takes the thread's scratch writer out of <paramref name="slot"/>, or creates one.</summary>
    /// <param name="slot">The user's thread-static field.</param>
    /// <param name="options">The writer settings of a new one; a kept one has the settings it was created with.</param>
    /// <returns>An empty writer, owned by the caller until <see cref="Return"/>.</returns>
    public static JsonScratch Take(ref JsonScratch? slot, JsonWriterOptions options)
    {
        var scratch = slot ?? new JsonScratch(options);
        slot = null;
        return scratch;
    }

    /// <summary>Empties a scratch writer and puts it back in <paramref name="slot"/>, unless a large write grew it.</summary>
    /// <param name="slot">The user's thread-static field.</param>
    /// <param name="scratch">The writer taken with <see cref="Take"/>.</param>
    public static void Return(ref JsonScratch? slot, JsonScratch scratch)
    {
        scratch.Json.Reset();
        scratch.Buffer.ResetWrittenCount();
        if (scratch.Buffer.Capacity <= MaxKeptBuffer)
        {
            slot = scratch;
        }
    }
}
