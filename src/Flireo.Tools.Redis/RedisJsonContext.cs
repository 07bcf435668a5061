using System.Text.Json.Serialization;
using Flireo.Tools.Async;

namespace Flireo.Tools.Redis;

/// <summary>Serialises stored calls for Redis.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(ToolWorkItem))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
