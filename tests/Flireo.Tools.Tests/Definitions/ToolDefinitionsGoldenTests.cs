using Flireo.Tools.Definitions;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.Definitions;

// Pins the exported definitions of the realistic tools in GoldenTools.cs. A schema change shows in the golden diff;
// accept an intended one with FLIREO_UPDATE_GOLDEN=1 dotnet test tests/Flireo.Tools.Tests.
public class ToolDefinitionsGoldenTests
{
    private const string BaseUrl = "https://tools.example.com";

    [Fact]
    public void ToJson_FlatWithBaseUrl_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { BaseUrl = BaseUrl };

        var json = ToolDefinitions.ToJson(GoldenCatalog.Instance.Tools, options);

        GoldenFile.Verify("Golden/definitions.flat.json", json);
    }

    [Fact]
    public void ToJson_FlatStrict_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { Strict = true };

        var json = ToolDefinitions.ToJson(GoldenCatalog.Instance.Tools, options);

        GoldenFile.Verify("Golden/definitions.flat.strict.json", json);
    }

    [Fact]
    public void ToJson_FlatCamelCaseWithPerToolUrls_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { BaseUrl = BaseUrl, PerToolUrls = true, Naming = WebhookCasing.CamelCase };

        var json = ToolDefinitions.ToJson(GoldenCatalog.Instance.Tools, options);

        GoldenFile.Verify("Golden/definitions.flat.camelcase.json", json);
    }

    [Fact]
    public void ToJson_OpenAIWithPerToolUrls_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { BaseUrl = BaseUrl, PerToolUrls = true, Shape = ToolDefinitionShape.OpenAI };

        var json = ToolDefinitions.ToJson(GoldenCatalog.Instance.Tools, options);

        GoldenFile.Verify("Golden/definitions.openai.json", json);
    }

    [Fact]
    public void ToJson_OpenAIStrict_MatchesGolden()
    {
        var options = new ToolDefinitionOptions { Strict = true, Shape = ToolDefinitionShape.OpenAI };

        var json = ToolDefinitions.ToJson(GoldenCatalog.Instance.Tools, options);

        GoldenFile.Verify("Golden/definitions.openai.strict.json", json);
    }
}
