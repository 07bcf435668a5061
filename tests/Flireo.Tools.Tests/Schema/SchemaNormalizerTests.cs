using System.Text.Json.Nodes;
using Flireo.Tools.Schema;

namespace Flireo.Tools.Tests.Schema;

public class SchemaNormalizerTests
{
    [Fact]
    public void SetOrdered_NewKeyword_GoesWhereOrderPutsIt()
    {
        var schema = SchemaNormalizer.Order(JsonNode.Parse("""{"x-note":1,"items":{"type":"string"},"type":"array","description":"Tags"}""")!.AsObject());
        var expected = SchemaNormalizer.Order(JsonNode.Parse("""{"x-note":1,"items":{"type":"string"},"type":"array","description":"Tags","default":["a"]}""")!.AsObject());

        SchemaNormalizer.SetOrdered(schema, "default", new JsonArray("a"));

        schema.ToJsonString().Should().Be(expected.ToJsonString());
        schema.ToJsonString().Should().Be("""{"type":"array","description":"Tags","default":["a"],"items":{"type":"string"},"x-note":1}""");
    }

    [Fact]
    public void SetOrdered_ExistingKeyword_ReplacesItInPlace()
    {
        var schema = JsonNode.Parse("""{"type":"integer","default":1,"x-note":1}""")!.AsObject();

        SchemaNormalizer.SetOrdered(schema, "default", 2);

        schema.ToJsonString().Should().Be("""{"type":"integer","default":2,"x-note":1}""");
    }
}
