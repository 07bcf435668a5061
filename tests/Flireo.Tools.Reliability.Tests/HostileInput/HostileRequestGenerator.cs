using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Reliability.Tests.HostileInput;

/// <summary>Generates valid webhooks and hostile variants of them from a fixed seed, so every run sends the same requests.</summary>
internal sealed class HostileRequestGenerator(int seed)
{
    private const int Ok = 200;
    private const int BadRequest = 400;
    private const int Unauthorized = 401;
    private const int MethodNotAllowed = 405;
    private const int TooLarge = 413;
    private const int UnsupportedMediaType = 415;

    /// <summary>The body size limit of the app under test (the default, 1 MiB).</summary>
    public const int MaxBodySize = 1024 * 1024;

    private static readonly string[] MessageTypes = ["tool-calls", "tool-calls", "tool-calls", "tool-calls", "assistant-request", "status-update", "end-of-call-report", "transcript"];
    private static readonly string[] Tools = ["book_table", "echo", "count", "schedule_callback", "no_such_tool"];
    private static readonly string[] NonJsonContentTypes =
    [
        "text/plain", "application/xml", "text/json-ish", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "text/html; charset=utf-8", "application/jsonp", "json", "application/javascript",
    ];

    private static readonly byte[] JsonPunctuation = "{}[]\",:\\0-eE."u8.ToArray();

    private readonly Random _random = new(seed);

    /// <summary>Generates the requests: the count per category is fixed, the content comes from the seed.</summary>
    public IEnumerable<HostileRequest> Generate()
    {
        (string Name, int Count, Func<HostileRequest> Create)[] categories =
        [
            ("valid", 1000, Valid),
            ("truncated JSON", 1000, Truncated),
            ("wrong type at a field", 2500, WrongType),
            ("huge string", 60, HugeString),
            ("huge array", 30, HugeArray),
            ("deep nesting", 300, DeepNesting),
            ("invalid UTF-8", 500, InvalidUtf8),
            ("duplicate keys", 500, DuplicateKeys),
            ("number out of range", 500, NumberOutOfRange),
            ("byte mutation", 2000, ByteMutation),
            ("headers", 800, HeaderVariant),
            ("wrong content type", 400, WrongContentType),
            ("empty or non-object body", 230, EmptyBody),
            ("oversize without length", 30, OversizeChunked),
            ("wrong method", 150, WrongMethod),
        ];
        foreach (var (_, count, create) in categories)
        {
            for (var i = 0; i < count; i++)
            {
                yield return create();
            }
        }
    }

    /// <summary>Generates only the requests that make the endpoint hold the most memory: huge strings, huge arrays, oversize bodies.</summary>
    public IEnumerable<HostileRequest> GenerateHeavy(int count)
    {
        Func<HostileRequest>[] heavy = [HugeString, HugeArray, OversizeChunked];
        for (var i = 0; i < count; i++)
        {
            yield return heavy[i % heavy.Length]();
        }
    }

    private HostileRequest Valid()
    {
        var body = Bytes(ValidBody());
        return new("valid", body, HeaderMode.Signed, Json(), "POST", [Ok]);
    }

    private HostileRequest Truncated()
    {
        var body = Bytes(ValidBody());
        var length = _random.Next(0, body.Length);
        return new("truncated JSON", body[..length], HeaderMode.Signed, Json(), "POST", [BadRequest]);
    }

    private HostileRequest WrongType()
    {
        var root = ValidBody();
        var nodes = new List<JsonNode>();
        Collect(root["message"]!, nodes);
        var target = nodes[_random.Next(nodes.Count)];
        Replace(target, RandomOtherValue(target));
        return new("wrong type at a field", Bytes(root), HeaderMode.Signed, Json(), "POST", [Ok, BadRequest]);
    }

    private HostileRequest HugeString()
    {
        var size = _random.Next(4) switch
        {
            0 => _random.Next(1_000, 100_000),
            1 => _random.Next(100_000, MaxBodySize - 2_000),
            _ => _random.Next(MaxBodySize, 3 * MaxBodySize),
        };
        var text = new string((char)_random.Next('a', 'z' + 1), size);
        var root = ValidBody("echo");
        var allowed = size < MaxBodySize - 2_000 ? new[] { Ok, BadRequest } : [Ok, BadRequest, TooLarge];
        switch (_random.Next(3))
        {
            case 0:
                FirstCall(root)["function"]!["arguments"] = new JsonObject { ["text"] = text };
                break;
            case 1:
                root["message"]!["call"]!["id"] = text;
                break;
            default:
                root["message"]!["padding"] = text;
                break;
        }

        return new("huge string", Bytes(root), HeaderMode.Signed, Json(), "POST", allowed);
    }

    private HostileRequest HugeArray()
    {
        var root = ValidBody("count");
        var count = _random.Next(2) == 0 ? _random.Next(1_000, 20_000) : _random.Next(20_000, 150_000);
        if (_random.Next(2) == 0)
        {
            var values = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                values.Add(JsonValue.Create((long)_random.Next()));
            }

            FirstCall(root)["function"]!["arguments"] = new JsonObject { ["values"] = values };
        }
        else
        {
            // Many tool calls in one webhook: every one must be answered, or the body refused as too large.
            var calls = new JsonArray();
            for (var i = 0; i < count / 20; i++)
            {
                calls.Add(new JsonObject { ["id"] = "t" + i.ToString(CultureInfo.InvariantCulture), ["function"] = new JsonObject { ["name"] = Tools[i % Tools.Length] } });
            }

            var message = root["message"]!.AsObject();
            message[message.ContainsKey("toolCallList") ? "toolCallList" : "tool_call_list"] = calls;
        }

        return new("huge array", Bytes(root), HeaderMode.Signed, Json(), "POST", [Ok, TooLarge]);
    }

    private HostileRequest DeepNesting()
    {
        var depth = _random.Next(2) == 0 ? _random.Next(2, 60) : _random.Next(60, 5_000);
        var open = _random.Next(2) == 0 ? '[' : '{';
        var nested = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            nested.Append(open == '[' ? "[" : "{\"a\":");
        }

        nested.Append('1');
        for (var i = 0; i < depth; i++)
        {
            nested.Append(open == '[' ? ']' : '}');
        }

        var json = ValidBody().ToJsonString();
        var where = _random.Next(3);
        json = where switch
        {
            0 => json.Replace("\"arguments\":{", "\"arguments\":{\"deep\":" + nested + ",", StringComparison.Ordinal),
            1 => json.Replace("\"message\":{", "\"message\":{\"deep\":" + nested + ",", StringComparison.Ordinal),
            _ => "{\"deep\":" + nested + "," + json[1..],
        };
        return new("deep nesting", Encoding.UTF8.GetBytes(json), HeaderMode.Signed, Json(), "POST", [Ok, BadRequest]);
    }

    private HostileRequest InvalidUtf8()
    {
        // Raw bytes that are not UTF-8, and escapes of lone UTF-16 surrogates, which no string can hold.
        byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], @"\ud800"u8.ToArray(), @"\udfff\ud800"u8.ToArray()];
        var body = Bytes(ValidBody()).ToList();

        // Inside a string value or name: after an opening quote.
        var quotes = body.Select((b, i) => (b, i)).Where(x => x.b == (byte)'"').Select(x => x.i).ToArray();
        var at = quotes[_random.Next(quotes.Length)] + 1;
        body.InsertRange(at, invalid[_random.Next(invalid.Length)]);
        return new("invalid UTF-8", [.. body], HeaderMode.Signed, Json(), "POST", [Ok, BadRequest]);
    }

    private HostileRequest DuplicateKeys()
    {
        var json = ValidBody().ToJsonString();
        json = _random.Next(4) switch
        {
            0 => json.Replace("\"type\":\"", "\"type\":\"status-update\",\"type\":\"", StringComparison.Ordinal),
            1 => json.Replace("\"message\":{", "\"message\":{\"type\":\"tool-calls\",", StringComparison.Ordinal),
            2 => json.Replace("\"arguments\":{", "\"arguments\":{\"text\":1,\"text\":\"x\",\"guests\":2,\"guests\":\"two\",", StringComparison.Ordinal),
            _ => json.Replace("\"id\":\"", "\"id\":7,\"id\":\"", StringComparison.Ordinal),
        };
        return new("duplicate keys", Encoding.UTF8.GetBytes(json), HeaderMode.Signed, Json(), "POST", [Ok, BadRequest]);
    }

    private HostileRequest NumberOutOfRange()
    {
        string[] numbers = ["1e400", "-1e400", "99999999999999999999999999999", "-99999999999999999999999999999", "1.7976931348623157e309", "2147483648", "-2147483649", "9223372036854775808", "79228162514264337593543950336", "1e-400", "0.1e99999", "-0", "1E+2147483648"];
        var number = numbers[_random.Next(numbers.Length)];
        var root = ValidBody("book_table");
        var json = root.ToJsonString();
        json = _random.Next(5) switch
        {
            0 => json.Replace("\"guests\":", "\"guests\":" + number + ",\"ignored\":", StringComparison.Ordinal),
            1 => json.Replace("\"budget\":", "\"budget\":" + number + ",\"ignored\":", StringComparison.Ordinal),
            2 => json.Replace("\"arguments\":{", "\"arguments\":{\"guests\":" + number + ",", StringComparison.Ordinal),
            3 => json.Replace("\"call\":{", "\"call\":{\"id\":" + number + ",", StringComparison.Ordinal),
            _ => json.Replace("\"arguments\":{", "\"arguments\":{\"budget\":" + number + ",\"date\":" + number + ",", StringComparison.Ordinal),
        };
        return new("number out of range", Encoding.UTF8.GetBytes(json), HeaderMode.Signed, Json(), "POST", [Ok, BadRequest]);
    }

    private HostileRequest ByteMutation()
    {
        var body = Bytes(ValidBody()).ToList();
        var edits = _random.Next(1, 6);
        for (var i = 0; i < edits && body.Count > 0; i++)
        {
            var at = _random.Next(body.Count);
            switch (_random.Next(4))
            {
                case 0:
                    body[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    body.RemoveAt(at);
                    break;
                case 2:
                    body.Insert(at, (byte)_random.Next(256));
                    break;
                default:
                    body.Insert(at, JsonPunctuation[_random.Next(JsonPunctuation.Length)]);
                    break;
            }
        }

        return new("byte mutation", [.. body], HeaderMode.Signed, Json(), "POST", [Ok, BadRequest]);
    }

    private HostileRequest HeaderVariant()
    {
        var mode = (HeaderMode)_random.Next(1, Enum.GetValues<HeaderMode>().Length);
        var allowed = mode switch
        {
            HeaderMode.EventMismatch => new[] { Ok },
            HeaderMode.ExtraHeaders => [Ok],
            _ => [Unauthorized],
        };
        return new("headers", Bytes(ValidBody()), mode, Json(), "POST", allowed);
    }

    private HostileRequest WrongContentType()
    {
        var contentType = _random.Next(8) == 0 ? null : NonJsonContentTypes[_random.Next(NonJsonContentTypes.Length)];
        return new("wrong content type", Bytes(ValidBody()), HeaderMode.Signed, contentType, "POST", [UnsupportedMediaType]);
    }

    private HostileRequest EmptyBody()
    {
        string[] bodies = ["", " ", "\n\t", "null", "[]", "\"message\"", "0", "true", "{}", "{\"message\":null}", "{\"message\":[]}", "{\"message\":{}}", "{\"message\":{\"type\":\"\"}}", "{\"message\":{\"type\":7}}", "\uFEFF{}"];
        var body = bodies[_random.Next(bodies.Length)];
        return new("empty or non-object body", Encoding.UTF8.GetBytes(body), HeaderMode.Signed, Json(), "POST", [BadRequest]);
    }

    private HostileRequest OversizeChunked()
    {
        var root = ValidBody("echo");
        root["message"]!["padding"] = new string('p', MaxBodySize + _random.Next(1, MaxBodySize));
        return new("oversize without length", Bytes(root), HeaderMode.Signed, Json(), "POST", [TooLarge], Chunked: true);
    }

    private HostileRequest WrongMethod()
    {
        string[] methods = ["GET", "PUT", "DELETE", "PATCH"];
        return new("wrong method", Bytes(ValidBody()), HeaderMode.Signed, Json(), methods[_random.Next(methods.Length)], [MethodNotAllowed]);
    }

    private string Json() => _random.Next(10) switch
    {
        0 => "application/json; charset=utf-8",
        1 => "application/vnd.flireo+json",
        2 => "APPLICATION/JSON",
        _ => "application/json",
    };

    private JsonObject ValidBody(string? onlyTool = null)
    {
        var camel = _random.Next(3) == 0;
        var type = onlyTool is null ? MessageTypes[_random.Next(MessageTypes.Length)] : "tool-calls";
        var message = new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = "2026-01-15T12:00:00.000Z",
            ["call"] = new JsonObject { ["id"] = "call-" + _random.Next(), ["type"] = camel ? "inboundPhoneCall" : "inbound_phone_call", ["status"] = "in-progress" },
            ["customer"] = new JsonObject { ["number"] = "+316" + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) },
            [camel ? "phoneNumber" : "phone_number"] = new JsonObject { ["number"] = "+31850000000", ["name"] = "Line" },
        };
        if (type == "tool-calls")
        {
            var calls = new JsonArray();
            var count = onlyTool is null ? _random.Next(1, 4) : 1;
            for (var i = 0; i < count; i++)
            {
                var tool = onlyTool ?? Tools[_random.Next(Tools.Length)];
                JsonNode? arguments = Arguments(tool);
                if (_random.Next(5) == 0)
                {
                    arguments = JsonValue.Create(arguments!.ToJsonString());
                }

                calls.Add(new JsonObject
                {
                    ["id"] = "tc-" + _random.Next().ToString(CultureInfo.InvariantCulture),
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments },
                });
            }

            message[camel ? "toolCallList" : "tool_call_list"] = calls;
        }
        else if (type == "end-of-call-report")
        {
            message[camel ? "endReason" : "ended_reason"] = "customer-ended-call";
            message["transcript"] = "User: hello\nAI: hi";
        }
        else if (type == "status-update")
        {
            message["status"] = "in-progress";
        }

        return new JsonObject { ["message"] = message };
    }

    private JsonObject Arguments(string tool) => tool switch
    {
        "book_table" => new JsonObject
        {
            ["name"] = "Guest " + _random.Next(1000),
            ["guests"] = _random.Next(1, 21),
            ["date"] = new DateOnly(2026, 1, 1).AddDays(_random.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time"] = new TimeOnly(_random.Next(24), _random.Next(60)).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["seating"] = new[] { "Inside", "Terrace", "Bar" }[_random.Next(3)],
            ["budget"] = _random.Next(3) == 0 ? null : (decimal)_random.Next(100_000) / 100,
            ["tags"] = new JsonArray("quiet", "window"),
            ["address"] = new JsonObject { ["street"] = "Main 1", ["city"] = "Utrecht", ["postalCode"] = "3511AB" },
        },
        "echo" => new JsonObject { ["text"] = "hello " + _random.Next() },
        "count" => new JsonObject { ["values"] = new JsonArray(1, 2, 3), ["strict"] = _random.Next(2) == 0 },
        "schedule_callback" => new JsonObject { ["customer"] = new Guid(_random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).ToString(), ["at"] = "2026-02-01T10:00:00+01:00", ["priority"] = 0.5 },
        _ => new JsonObject { ["anything"] = _random.Next() },
    };

    private JsonNode? RandomOtherValue(JsonNode node)
    {
        JsonNode?[] candidates =
        [
            null,
            JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
            JsonValue.Create(_random.NextDouble() * 1e12),
            JsonValue.Create(_random.Next(2) == 0),
            JsonValue.Create("s" + _random.Next()),
            JsonValue.Create(string.Empty),
            new JsonArray(1, "two", null),
            new JsonObject { ["x"] = 1 },
            new JsonArray(),
            new JsonObject(),
        ];
        var kind = node.GetValueKind();
        JsonNode? pick;
        do
        {
            pick = candidates[_random.Next(candidates.Length)];
        }
        while (pick is not null && pick.GetValueKind() == kind && kind is not System.Text.Json.JsonValueKind.String);

        return pick;
    }

    private static JsonNode FirstCall(JsonObject root)
    {
        var message = root["message"]!;
        return (message["tool_call_list"] ?? message["toolCallList"])![0]!;
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
