// Copied from ../shared/bench/kestrel-baseline/Program.cs: the reference's envelope, answer and JSON context.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flireo.Tools.Benchmarks.Reference;

public sealed record ToolCallsEnvelope(Message? Message);

public sealed record Message(string? Type, string? Timestamp, CallInfo? Call, PhoneNumber? PhoneNumber, Customer? Customer, List<ToolCall>? ToolCallList);

public sealed record CallInfo(string? Id, string? Type, string? Status);

public sealed record PhoneNumber(string? Number, string? Name);

public sealed record Customer(string? Number);

public sealed record ToolCall(string Id, string? Type, FunctionCall? Function);

public sealed record FunctionCall(string Name, JsonElement Arguments);

public sealed record ToolCallsResponse(ToolResult[] Results);

public sealed record ToolResult(string ToolCallId, object Result);

public sealed record ContactResult(string Name, string ContactId, string Phone, bool Found);

public sealed record ErrorResult(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ToolCallsEnvelope))]
[JsonSerializable(typeof(ToolCallsResponse))]
[JsonSerializable(typeof(ContactResult))]
[JsonSerializable(typeof(ErrorResult))]
internal sealed partial class AppJson : JsonSerializerContext;
