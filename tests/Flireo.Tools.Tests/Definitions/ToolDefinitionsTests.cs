using System.Text;
using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.Definitions;

public class ToolDefinitionsTests
{
    private static IReadOnlyList<ToolDescriptor> Tools => GoldenCatalog.Instance.Tools;

    [Fact]
    public void ToJson_ExportedTwiceAndInAnotherOrder_GivesIdenticalBytes()
    {
        var options = new ToolDefinitionOptions { BaseUrl = "https://tools.example.com", Strict = true, Shape = ToolDefinitionShape.OpenAI };

        var first = Encoding.UTF8.GetBytes(ToolDefinitions.ToJson(Tools, options));
        var second = Encoding.UTF8.GetBytes(ToolDefinitions.ToJson(Tools.Reverse(), options));

        second.Should().Equal(first);
    }

    [Fact]
    public void ToJson_Output_IsIndentedWithLineFeedsAndEndsWithOne()
    {
        var json = ToolDefinitions.ToJson(Tools);

        json.Should().StartWith("[\n  {\n    \"name\": ");
        json.Should().EndWith("]\n").And.NotContain("\r");
    }

    [Fact]
    public void ToJson_TextWithApostrophes_IsNotEscaped()
    {
        var json = ToolDefinitions.ToJson(Tools);

        json.Should().Contain("I'm sending you a confirmation text now.").And.Contain("The caller's own words", "the relaxed encoder keeps the golden files readable")
            .And.NotContain("\\u0027");
    }

    [Fact]
    public void Export_Items_AreOrderedByNameOrdinal()
    {
        var names = ToolDefinitions.Export(Tools).Select(i => i!["name"]!.GetValue<string>()).ToList();

        names.Should().HaveCount(16).And.BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void Export_FlatDefaults_WritesNoUrlAndNoAsyncForSyncTools()
    {
        var item = Item(ToolDefinitions.Export(Tools), "book_table");

        item.Select(p => p.Key).Should().Equal("name", "description", "parameters");
    }

    [Theory]
    [InlineData(WebhookCasing.SnakeCase)]
    [InlineData(WebhookCasing.CamelCase)]
    public void Export_Message_IsWrittenAsMessageForSyncAndAsyncToolsInBothNamings(WebhookCasing naming)
    {
        var items = ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Naming = naming });
        var async = Item(items, "send_confirmation_sms");
        var sync = Item(items, "check_availability");
        var silent = Item(items, "log_interest");

        async["async"]!.GetValue<bool>().Should().BeTrue();
        async["message"]!.GetValue<string>().Should().Be("I'm sending you a confirmation text now.");
        sync.ContainsKey("async").Should().BeFalse();
        sync["message"]!.GetValue<string>().Should().Be("Let me check the book for you.");
        silent["async"]!.GetValue<bool>().Should().BeTrue();
        silent.ContainsKey("message").Should().BeFalse();
    }

    [Theory]
    [InlineData(WebhookCasing.SnakeCase, "async_response")]
    [InlineData(WebhookCasing.CamelCase, "asyncResponse")]
    public void Export_LegacyAsyncResponse_AlsoWritesTheTextUnderTheLegacyKeyInTheChosenCasing(WebhookCasing naming, string key)
    {
        var items = ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Naming = naming, LegacyAsyncResponse = true });
        var async = Item(items, "send_confirmation_sms");

        async.Select(p => p.Key).Should().Equal("name", "description", "parameters", "async", "message", key);
        async[key]!.GetValue<string>().Should().Be("I'm sending you a confirmation text now.");
        Item(items, "check_availability")[key]!.GetValue<string>().Should().Be("Let me check the book for you.");
        Item(items, "log_interest").ContainsKey(key).Should().BeFalse();
    }

    [Theory]
    [InlineData("https://tools.example.com", "/flireo", false, "https://tools.example.com/flireo")]
    [InlineData("https://tools.example.com/", "flireo/", false, "https://tools.example.com/flireo")]
    [InlineData("https://example.com/voice/", "/hooks/flireo", false, "https://example.com/voice/hooks/flireo")]
    [InlineData("http://localhost:5080", "", false, "http://localhost:5080")]
    [InlineData("https://tools.example.com/", "/flireo", true, "https://tools.example.com/flireo/tools/book_table")]
    public void Export_BaseUrl_JoinsBaseAndPathOnce(string baseUrl, string path, bool perTool, string expected)
    {
        var options = new ToolDefinitionOptions { BaseUrl = baseUrl, WebhookPath = path, PerToolUrls = perTool };

        var item = Item(ToolDefinitions.Export(Tools, options), "book_table");

        item["url"]!.GetValue<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("tools.example.com")]
    [InlineData("/flireo")]
    [InlineData("ftp://tools.example.com")]
    public void Export_BaseUrlNotAbsoluteHttp_ThrowsNamingTheOption(string baseUrl)
    {
        var act = () => ToolDefinitions.Export(Tools, new ToolDefinitionOptions { BaseUrl = baseUrl });

        act.Should().Throw<ArgumentException>().WithMessage($"*BaseUrl '{baseUrl}'*https://tools.example.com*");
    }

    [Fact]
    public void Export_ToolWithoutDescription_WritesAnEmptyDescriptionInBothShapes()
    {
        var flat = Item(ToolDefinitions.Export(Tools), "get_caller_profile");
        var nested = Item(ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Shape = ToolDefinitionShape.OpenAI }), "get_caller_profile");

        flat["description"]!.GetValue<string>().Should().BeEmpty();
        nested["function"]!["description"]!.GetValue<string>().Should().BeEmpty();
    }

    [Fact]
    public void Export_MethodDescriptionAttribute_BecomesTheToolDescription()
    {
        var item = Item(ToolDefinitions.Export(Tools), "cancel_reservation");

        item["description"]!.GetValue<string>().Should().Be("Cancels an existing reservation.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Export_InjectedParameters_NeverAppear(bool strict)
    {
        var items = ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Strict = strict });

        Properties(items, "book_table").Should().Equal("request");
        Properties(items, "send_confirmation_sms").Should().Equal("phone", "text");
        Properties(items, "update_customer").Should().Equal("customerId", "note", "tags", "customFields");
        Properties(items, "log_interest").Should().Equal("product", "interestLevel");
        Properties(items, "get_caller_profile").Should().BeEmpty();
        Properties(items, "register_patient").Should().Equal("patient");
        items.ToJsonString().Should().NotContainAny("cancellationToken", "ToolCallContext", "IServiceProvider", "customers");
    }

    [Fact]
    public void Export_Strict_UsesTheStrictSchema()
    {
        var lenient = Item(ToolDefinitions.Export(Tools), "reschedule_appointment")["parameters"]!;
        var strict = Item(ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Strict = true }), "reschedule_appointment")["parameters"]!;

        Names(lenient["required"]!).Should().Equal("appointmentId", "newStart");
        Names(strict["required"]!).Should().Equal("appointmentId", "newStart", "durationMinutes", "reason");
        strict["properties"]!["durationMinutes"]!["type"]!.ToJsonString().Should().Be("""["integer","null"]""");
    }

    [Fact]
    public void Export_OpenAIShape_NestsTheFunctionAndCarriesUrlAndAsync()
    {
        var options = new ToolDefinitionOptions { BaseUrl = "https://tools.example.com", Shape = ToolDefinitionShape.OpenAI };

        var item = Item(ToolDefinitions.Export(Tools, options), "send_confirmation_sms");

        item.Select(p => p.Key).Should().Equal("type", "function", "server", "async");
        item["type"]!.GetValue<string>().Should().Be("function");
        item["function"]!.AsObject().Select(p => p.Key).Should().Equal("name", "description", "parameters");
        item["server"]!.ToJsonString().Should().Be("""{"url":"https://tools.example.com/flireo"}""");
        item["async"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Export_OpenAIStrict_MarksStrictOnlyWhereStrictModeCanExpressTheSchema()
    {
        var items = ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Strict = true, Shape = ToolDefinitionShape.OpenAI });
        var lenient = ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Shape = ToolDefinitionShape.OpenAI });

        var strictTools = items.Where(i => i!["function"]!["strict"] is not null).Select(i => i!["function"]!["name"]!.GetValue<string>());
        strictTools.Should().HaveCount(15).And.NotContain("update_customer", "a dictionary cannot be expressed in strict mode");
        items.Single(i => i!["function"]!["name"]!.GetValue<string>() == "book_table")!["function"]!["strict"]!.GetValue<bool>().Should().BeTrue();
        lenient.Should().OnlyContain(i => i!["function"]!["strict"] == null);
    }

    [Fact]
    public void Export_FlatStrict_WritesNoStrictFlag()
    {
        var items = ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Strict = true });

        items.Should().OnlyContain(i => !i!.AsObject().ContainsKey("strict"), "the flat format documents no strict flag");
    }

    [Fact]
    public void Export_ChangingTheResult_DoesNotChangeTheNextExport()
    {
        var first = ToolDefinitions.Export(Tools);
        var before = ToolDefinitions.ToJson(Tools);

        first[0]!["parameters"]!["properties"]!.AsObject().Clear();
        first.RemoveAt(1);

        ToolDefinitions.ToJson(Tools).Should().Be(before);
    }

    [Fact]
    public void Export_RegisteredCatalog_NeedsNoWebHost()
    {
        var catalog = GoldenCatalog.Instance;

        var items = ToolDefinitions.Export(catalog.Tools);

        items.Should().HaveCount(catalog.Tools.Count);
    }

    [Fact]
    public void Export_SameToolTwice_ThrowsNamingTheTool()
    {
        var tools = Tools.Concat(Tools.Where(t => t.Name == "book_table"));

        var act = () => ToolDefinitions.Export(tools);

        act.Should().Throw<ArgumentException>().WithMessage("*'book_table'*RestaurantTools.BookTable*unique*");
    }

    [Fact]
    public void Export_NullItem_Throws()
    {
        var act = () => ToolDefinitions.Export([Tools[0], null!]);

        act.Should().Throw<ArgumentException>().WithParameterName("tools");
    }

    [Fact]
    public void Export_UndefinedShapeOrNaming_Throws()
    {
        var badShape = () => ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Shape = (ToolDefinitionShape)7 });
        var badNaming = () => ToolDefinitions.Export(Tools, new ToolDefinitionOptions { Naming = (WebhookCasing)7 });

        badShape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Shape*");
        badNaming.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Naming*");
    }

    [Fact]
    public void Export_NoTools_GivesAnEmptyArray()
    {
        var json = ToolDefinitions.ToJson([]);

        json.Should().Be("[]\n");
    }

    private static JsonObject Item(JsonArray items, string name) =>
        items.Select(i => i!.AsObject())
            .Single(i => (i["name"] ?? i["function"]!["name"])!.GetValue<string>() == name);

    private static IEnumerable<string> Properties(JsonArray items, string name) =>
        Item(items, name)["parameters"]!["properties"]!.AsObject().Select(p => p.Key);

    private static IEnumerable<string> Names(JsonNode array) => array.AsArray().Select(n => n!.GetValue<string>());
}
