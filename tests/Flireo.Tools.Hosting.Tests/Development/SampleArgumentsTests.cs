using System.Text.Json;
using Flireo.Tools.Hosting.Development;

namespace Flireo.Tools.Hosting.Tests.Development;

public sealed class SampleArgumentsTests
{
    [Fact]
    public void Create_RequiredProperties_GetValuesThatFitTheirSchema()
    {
        using var schema = JsonDocument.Parse("""
            {
              "type": "object",
              "properties": {
                "date": { "type": "string", "format": "date" },
                "guests": { "type": "integer", "minimum": 2, "maximum": 20 },
                "area": { "type": "string", "enum": ["terrace", "inside"] },
                "note": { "type": ["string", "null"] },
                "vip": { "type": "boolean" },
                "optional": { "type": "string" },
                "contact": { "type": "object", "properties": { "phone": { "type": "string" } }, "required": ["phone"] },
                "tags": { "type": "array", "items": { "type": "string" }, "minItems": 1 }
              },
              "required": ["date", "guests", "area", "note", "vip", "contact", "tags"]
            }
            """);

        var arguments = SampleArguments.Create(schema.RootElement);

        arguments.ToJsonString().Should().Be("""{"date":"2030-01-15","guests":2,"area":"terrace","note":"example","vip":true,"contact":{"phone":"example"},"tags":["example"]}""");
    }

    [Fact]
    public void Create_NoRequiredProperties_ReturnsEmptyObject()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}}}""");

        var arguments = SampleArguments.Create(schema.RootElement);

        arguments.ToJsonString().Should().Be("{}");
    }
}
