using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Flireo.Tools.Stress;

/// <summary>The kinds of request the soak run sends, with their share of the load and the answer each must get.</summary>
internal enum RequestKind
{
    /// <summary>echo_text or add_numbers: 200 with the right result.</summary>
    Sync,

    /// <summary>hang_sleep for 50 ms, blocking its thread: 200 with its result.</summary>
    SlowBlocking,

    /// <summary>record_in_background, failing on its first 0–2 attempts: 200 with the acknowledgement.</summary>
    Async,

    /// <summary>The same async call sent again: acknowledged again, run once.</summary>
    AsyncResend,

    /// <summary>The fail tool, which throws: 200 with an error result.</summary>
    ToolThrows,

    /// <summary>A tool that does not exist: 200 with an error result naming it.</summary>
    UnknownTool,

    /// <summary>add_numbers with a string for an integer: 200 with an error result naming the parameter.</summary>
    InvalidArguments,

    /// <summary>Signed with the wrong secret: 401.</summary>
    BadSignature,

    /// <summary>Signed but truncated JSON: 400.</summary>
    MalformedBody,
}

/// <summary>Builds the requests of the mixed load and checks their answers.</summary>
internal sealed class LoadMix(HttpClient client)
{
    private const string Acknowledgement = "Accepted: the tool runs in the background.";

    private static readonly (RequestKind Kind, int Weight)[] Weights =
    [
        (RequestKind.Sync, 48), (RequestKind.SlowBlocking, 2), (RequestKind.Async, 13), (RequestKind.AsyncResend, 2),
        (RequestKind.ToolThrows, 10), (RequestKind.UnknownTool, 5), (RequestKind.InvalidArguments, 5),
        (RequestKind.BadSignature, 10), (RequestKind.MalformedBody, 5),
    ];

    private readonly ConcurrentDictionary<string, byte> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _recentAsync = new();
    private long _next;

    /// <summary>Gets the distinct async tool call ids the server acknowledged.</summary>
    public int AcknowledgedAsyncCalls => _acknowledged.Count;

    public static RequestKind Pick(Random random)
    {
        var roll = random.Next(Weights.Sum(w => w.Weight));
        foreach (var (kind, weight) in Weights)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return RequestKind.Sync;
    }

    /// <summary>Sends one request of the kind and returns how long it took and, if its answer was not the one required, why.</summary>
    public async Task<(TimeSpan Elapsed, string? Problem)> SendAsync(RequestKind kind, Random random, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var id = "tc-" + n;
        if (kind == RequestKind.AsyncResend)
        {
            if (_recentAsync.TryDequeue(out var earlier))
            {
                id = earlier;
            }
            else
            {
                kind = RequestKind.Async;
            }
        }

        var (tool, arguments, check) = kind switch
        {
            RequestKind.Sync when random.Next(2) == 0 => ("echo_text", (object)new { text = "soak " + n }, Expect.Result(JsonSerializer.SerializeToElement("soak " + n))),
            RequestKind.Sync => ("add_numbers", new { a = 20, b = 22 }, Expect.Result(JsonSerializer.SerializeToElement(42))),
            RequestKind.SlowBlocking => ("hang_sleep", new { seconds = 0.05 }, Expect.Result(JsonSerializer.SerializeToElement("late"))),
            RequestKind.Async or RequestKind.AsyncResend => ("record_in_background", new { failFirstAttempts = random.Next(3) }, Expect.Acknowledgement),
            RequestKind.ToolThrows => ("fail", new { reason = "soak" }, Expect.Error("The tool 'fail' failed. Please try again later.")),
            RequestKind.UnknownTool => ("no_such_tool", new { }, Expect.ErrorStartingWith("Unknown tool 'no_such_tool'.")),
            RequestKind.InvalidArguments => ("add_numbers", new { a = "twenty", b = 22 }, Expect.ErrorStartingWith("Parameter 'a' of tool 'add_numbers' has an invalid value")),
            _ => ("echo_text", new { text = "rejected" }, Expect.Status(kind == RequestKind.BadSignature ? HttpStatusCode.Unauthorized : HttpStatusCode.BadRequest)),
        };

        var callId = kind == RequestKind.Async || kind == RequestKind.AsyncResend ? "soak-async" : "soak-" + n;
        var body = SignedWebhooks.ToolCalls(callId, (id, tool, arguments));
        if (kind == RequestKind.MalformedBody)
        {
            body = body[..(body.Length / 2)];
        }

        using var request = SignedWebhooks.Post("/flireo", body, kind == RequestKind.BadSignature ? "not-the-secret" : SoakServer.Secret);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var problem = check.Problem(response.StatusCode, text);
            if (problem is null && kind == RequestKind.Async)
            {
                _acknowledged.TryAdd(id, 0);
                _recentAsync.Enqueue(id);
            }

            return (elapsed, problem is null ? null : $"{kind} {tool}: {problem}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (Stopwatch.GetElapsedTime(started), $"{kind} {tool}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Asks the server how many background calls completed (a sync tool of the plugin reads its counter).</summary>
    public async Task<long> BackgroundRunsAsync()
    {
        var (_, result, error) = await SignedWebhooks.CallAsync(client, SoakServer.Secret, "background_runs");
        return error is null ? result!.Value.GetInt64() : throw new InvalidOperationException(error);
    }

    /// <summary>The answer a request must get.</summary>
    private sealed class Expect
    {
        private readonly Func<HttpStatusCode, string, string?> _check;

        private Expect(Func<HttpStatusCode, string, string?> check) => _check = check;

        public static Expect Acknowledgement { get; } = Result(JsonSerializer.SerializeToElement(LoadMix.Acknowledgement));

        public static Expect Result(JsonElement expected) => new((status, body) => Outcome(status, body) is { Error: null, Result: { } r } && JsonElement.DeepEquals(r, expected)
            ? null
            : $"expected 200 with result {expected.GetRawText()}, got {(int)status} {Trim(body)}");

        public static Expect Error(string expected) => new((status, body) => Outcome(status, body) is { Error: { } error } && error == expected
            ? null
            : $"expected 200 with error '{expected}', got {(int)status} {Trim(body)}");

        public static Expect ErrorStartingWith(string expected) => new((status, body) => Outcome(status, body) is { Error: { } error } && error.StartsWith(expected, StringComparison.Ordinal)
            ? null
            : $"expected 200 with an error starting '{expected}', got {(int)status} {Trim(body)}");

        public static Expect Status(HttpStatusCode expected) => new((status, body) => status == expected
            ? null
            : $"expected {(int)expected}, got {(int)status} {Trim(body)}");

        public string? Problem(HttpStatusCode status, string body) => _check(status, body);

        private static (JsonElement? Result, string? Error)? Outcome(HttpStatusCode status, string body)
        {
            if (status != HttpStatusCode.OK)
            {
                return null;
            }

            try
            {
                var (_, result, error) = SignedWebhooks.Results(body)[0];
                return (result, error);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        private static string Trim(string body) => body.Length > 200 ? body[..200] + "…" : body;
    }
}
