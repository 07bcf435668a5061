using System.Text.Json;
using System.Text.Json.Serialization;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>String parameters bind a JSON string as its text without the serializer, and only when that is what the serializer would do.</summary>
public sealed class StringArgumentTests
{
    [Theory]
    [InlineData("Jan de Vries")]
    [InlineData("quote \" backslash \\ tab \t é 😀")]
    [InlineData("")]
    public async Task Route_StringParameter_GetsTheTextUnescaped(string text)
    {
        using var host = new RouterHost(b => b.AddTools<EchoTools>());

        var result = await RouteAsync(host, new { text });

        result.Result!.Value.GetString().Should().Be(text);
    }

    [Fact]
    public async Task Route_StringWithALoneSurrogate_IsRefusedNamingTheParameter_AsTheSerializerRefusesIt()
    {
        using var host = new RouterHost(b => b.AddTools<EchoTools>());
        using var message = TestWebhooks.ToolCalls(("t1", "echo", """{"text":"\ud800"}"""));

        var result = (await host.Router.RouteAsync(message, CancellationToken.None)).Results.Should().ContainSingle().Subject;

        result.Error.Should().Be("Parameter 'text' of tool 'echo' has an invalid value: expected a string.");
    }

    [Fact]
    public async Task Route_CustomStringConverterInTheOptions_IsStillUsed()
    {
        using var host = new RouterHost(b => b.AddTools<EchoTools>(), o => o.SerializerOptions.Converters.Add(new UpperCaseConverter()));

        var result = await RouteAsync(host, new { text = "jan" });

        result.Result!.Value.GetString().Should().Be("JAN");
    }

    [Fact]
    public async Task Route_NumberForAStringParameter_IsRefusedNamingTheParameter()
    {
        using var host = new RouterHost(b => b.AddTools<EchoTools>());

        var result = await RouteAsync(host, new { text = 42 });

        result.Error.Should().Be("Parameter 'text' of tool 'echo' has an invalid value: expected a string.");
    }

    private static async Task<ToolCallResult> RouteAsync(RouterHost host, object arguments)
    {
        using var message = TestWebhooks.ToolCalls(("t1", "echo", arguments));
        return (await host.Router.RouteAsync(message, CancellationToken.None)).Results.Should().ContainSingle().Subject;
    }

    public sealed class EchoTools
    {
        [FlireoTool("echo")]
        public static string Echo(string text) => text;
    }

    private sealed class UpperCaseConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()?.ToUpperInvariant();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
