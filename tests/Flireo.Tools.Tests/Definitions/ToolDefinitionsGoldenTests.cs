using Flireo.Tools.Definitions;
using Flireo.Tools.Protocol;
using Flireo.Tools.Testing;

namespace Flireo.Tools.Tests.Definitions;

// Pins the exported definitions of the realistic tools in GoldenTools.cs with the public DefinitionsSnapshot, as users
// pin theirs. A schema change shows in the golden diff; accept an intended one with
// FLIREO_UPDATE_SNAPSHOTS=1 dotnet test tests/Flireo.Tools.Tests.
public class ToolDefinitionsGoldenTests
{
    private const string BaseUrl = "https://tools.example.com";

    [Fact]
    public void ToJson_FlatWithBaseUrl_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { BaseUrl = BaseUrl };

        DefinitionsSnapshot.AssertMatches(GoldenCatalog.Instance, "../Golden/definitions.flat.json", options);
    }

    [Fact]
    public void ToJson_FlatStrict_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { Strict = true };

        DefinitionsSnapshot.AssertMatches(GoldenCatalog.Instance, "../Golden/definitions.flat.strict.json", options);
    }

    [Fact]
    public void ToJson_FlatCamelCaseWithPerToolUrls_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { BaseUrl = BaseUrl, PerToolUrls = true, Naming = WebhookCasing.CamelCase };

        DefinitionsSnapshot.AssertMatches(GoldenCatalog.Instance, "../Golden/definitions.flat.camelcase.json", options);
    }

    [Fact]
    public void ToJson_OpenAIWithPerToolUrls_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { BaseUrl = BaseUrl, PerToolUrls = true, Shape = ToolDefinitionShape.OpenAI };

        DefinitionsSnapshot.AssertMatches(GoldenCatalog.Instance, "../Golden/definitions.openai.json", options);
    }

    [Fact]
    public void ToJson_OpenAIStrict_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { Strict = true, Shape = ToolDefinitionShape.OpenAI };

        DefinitionsSnapshot.AssertMatches(GoldenCatalog.Instance, "../Golden/definitions.openai.strict.json", options);
    }
}
