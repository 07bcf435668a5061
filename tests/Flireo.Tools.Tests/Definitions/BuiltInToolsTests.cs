using System.ComponentModel;
using System.Reflection;
using System.Reflection.Emit;
using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;

namespace Flireo.Tools.Tests.Definitions;

public class BuiltInToolsTests
{
    [Fact]
    public void ExportBuiltIns_EndCallAndDestinations_WritesThePlatformsBuiltInTools()
    {
        var assembly = Assembly(endCall: true, ("+31850000001", "The front desk", "One moment."), ("sip:kitchen@pbx.example.com", "The kitchen", null));

        var items = ToolDefinitions.ExportBuiltIns(assembly);

        items.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Should().Be(
            """[{"type":"end_call"},{"type":"transfer_call","destinations":[{"type":"number","number":"+31850000001","description":"The front desk","message":"One moment."},{"type":"sip","sip_uri":"sip:kitchen@pbx.example.com","description":"The kitchen"}]}]""");
    }

    [Fact]
    public void ExportBuiltIns_NoAttributes_IsEmpty()
    {
        ToolDefinitions.ExportBuiltIns(Assembly(endCall: false)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("0612345678")]
    [InlineData("+31 85 000 0001")]
    [InlineData("sales desk")]
    [InlineData("http://pbx.example.com")]
    public void ExportBuiltIns_InvalidDestination_NamesTheAttribute(string destination)
    {
        var act = () => ToolDefinitions.ExportBuiltIns(Assembly(endCall: false, (destination, "Sales", null)));

        act.Should().Throw<FlireoToolsConfigurationException>()
            .Which.Message.Should().Contain($"[assembly: FlireoTransferDestination(\"{destination}\"").And.Contain("E.164").And.Contain("SIP URI");
    }

    [Fact]
    public void ExportBuiltIns_EmptyDescription_NamesTheAttribute()
    {
        var act = () => ToolDefinitions.ExportBuiltIns(Assembly(endCall: false, ("+31850000001", " ", null)));

        act.Should().Throw<FlireoToolsConfigurationException>().Which.Message.Should().Contain("FlireoTransferDestination(\"+31850000001\"").And.Contain("description is empty");
    }

    [Fact]
    public void CreateSchema_Record_IsAClosedObjectWithItsDescriptionsInline()
    {
        var schema = ToolDefinitions.CreateSchema(typeof(VisitOutcome));

        schema.ToJsonString().Should().Be(
            """{"type":"object","properties":{"booked":{"type":"boolean","description":"Whether a table was booked"},"guests":{"type":["integer","null"]},"seat":{"type":"object","properties":{"area":{"type":"string"}},"required":["area"],"additionalProperties":false}},"required":["booked","guests","seat"],"additionalProperties":false}""");
    }

    private static AssemblyBuilder Assembly(bool endCall, params (string Destination, string Description, string? Message)[] destinations)
    {
        var builder = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BuiltIns" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        if (endCall)
        {
            builder.SetCustomAttribute(new CustomAttributeBuilder(typeof(FlireoEndCallToolAttribute).GetConstructor(Type.EmptyTypes)!, []));
        }

        var constructor = typeof(FlireoTransferDestinationAttribute).GetConstructor([typeof(string), typeof(string)])!;
        var message = typeof(FlireoTransferDestinationAttribute).GetProperty(nameof(FlireoTransferDestinationAttribute.Message))!;
        foreach (var (destination, description, text) in destinations)
        {
            builder.SetCustomAttribute(text is null
                ? new CustomAttributeBuilder(constructor, [destination, description])
                : new CustomAttributeBuilder(constructor, [destination, description], [message], [text]));
        }

        return builder;
    }

    public sealed record VisitOutcome([property: Description("Whether a table was booked")] bool Booked, int? Guests, Seat Seat);

    public sealed record Seat(string Area);
}
