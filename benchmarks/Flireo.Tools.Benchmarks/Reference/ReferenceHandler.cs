// Copied from ../shared/bench/kestrel-baseline/Program.cs: the /tools-hmac handler and its body reader.
using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Flireo.Tools.Benchmarks.Reference;

internal static class ReferenceHandler
{
    private const int MaxBody = 1 << 20;

    /// <summary>Answers a signed tool-calls webhook exactly as the reference server's <c>/tools-hmac</c> does.</summary>
    public static async Task ToolsHmacAsync(HttpContext ctx, byte[] secret)
    {
        var (buf, len) = await ReadAsync(ctx.Request);
        try
        {
            if (!Hmac.Verify(secret, ctx.Request.Headers["X-Webhook-Timestamp"].ToString(), ctx.Request.Headers["X-Webhook-Signature"].ToString(), buf.AsSpan(0, len)))
            {
                ctx.Response.StatusCode = 401;
                return;
            }

            var env = JsonSerializer.Deserialize(buf.AsSpan(0, len), AppJson.Default.ToolCallsEnvelope);
            if (env?.Message?.ToolCallList is null)
            {
                ctx.Response.StatusCode = 400;
                return;
            }

            await ctx.Response.WriteAsJsonAsync(Dispatcher.Run(env.Message), AppJson.Default.ToolCallsResponse);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    // Reads the whole request body into a pooled array (caller returns it).
    private static async ValueTask<(byte[] Buffer, int Length)> ReadAsync(HttpRequest req)
    {
        var reader = req.BodyReader;
        while (true)
        {
            var r = await reader.ReadAsync();
            var seq = r.Buffer;
            if (seq.Length > MaxBody)
            {
                throw new BadHttpRequestException("body too large", 413);
            }

            if (r.IsCompleted)
            {
                var len = (int)seq.Length;
                var arr = ArrayPool<byte>.Shared.Rent(Math.Max(len, 1));
                seq.CopyTo(arr);
                reader.AdvanceTo(seq.End);
                return (arr, len);
            }

            reader.AdvanceTo(seq.Start, seq.End);
        }
    }
}
