using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;

namespace Flireo.Tools.Reliability.Tests.Properties;

/// <summary>
/// For generated values of every supported parameter type: the value serialised with the catalog's options is accepted
/// by the exported schema (normal and strict), and a tool that echoes it, called through the router, gives it back.
/// </summary>
[Properties(Arbitrary = [typeof(ToolValues)], MaxTest = 100, Replay = "(20260115,1013904223)")]
public sealed class BinderRoundTripProperties(EchoRouter router) : IClassFixture<EchoRouter>
{
    [Property]
    public void Int_RoundTrips(int value) => RoundTrip("echo_int", value);

    [Property]
    public void Long_RoundTrips(long value) => RoundTrip("echo_long", value);

    [Property]
    public void Decimal_RoundTrips(decimal value) => RoundTrip("echo_decimal", value);

    [Property]
    public void Double_RoundTrips(double value) => RoundTrip("echo_double", value);

    [Property]
    public void Bool_RoundTrips(bool value) => RoundTrip("echo_bool", value);

    [Property]
    public void String_RoundTrips(string value) => RoundTrip("echo_string", value);

    [Property]
    public void Enum_RoundTrips(Shade value) => RoundTrip("echo_enum", value);

    [Property]
    public void DateOnly_RoundTrips(DateOnly value) => RoundTrip("echo_date", value);

    [Property]
    public void DateTime_RoundTrips(DateTime value) => RoundTrip("echo_datetime", value);

    [Property]
    public void DateTimeOffset_RoundTrips(DateTimeOffset value) => RoundTrip("echo_datetimeoffset", value);

    [Property]
    public void Guid_RoundTrips(Guid value) => RoundTrip("echo_guid", value);

    [Property]
    public void Record_RoundTrips(Guest value) => RoundTrip("echo_record", value);

    [Property]
    public void List_RoundTrips(List<int> value) => RoundTrip("echo_list", value);

    [Property]
    public void ArrayOfRecords_RoundTrips(Guest[] value) => RoundTrip("echo_records", value);

    [Property]
    public void NullableInt_RoundTrips(int? value) => RoundTrip("echo_nullable", value, boxed: true);

    [Property]
    public void NullableDate_RoundTrips(DateOnly? value) => RoundTrip("echo_nullable_date", value, boxed: true);

    [Property]
    public void Byte_RoundTrips(byte value) => RoundTrip("echo_byte", value);

    [Property]
    public void SByte_RoundTrips(sbyte value) => RoundTrip("echo_sbyte", value);

    [Property]
    public void Short_RoundTrips(short value) => RoundTrip("echo_short", value);

    [Property]
    public void UShort_RoundTrips(ushort value) => RoundTrip("echo_ushort", value);

    [Property]
    public void UInt_RoundTrips(uint value) => RoundTrip("echo_uint", value);

    [Property]
    public void ULong_RoundTrips(ulong value) => RoundTrip("echo_ulong", value);

    [Property]
    public void Int128_RoundTrips(Int128 value) => RoundTrip("echo_int128", value);

    [Property]
    public void UInt128_RoundTrips(UInt128 value) => RoundTrip("echo_uint128", value);

    [Property]
    public void Float_RoundTrips(float value) => RoundTrip("echo_float", value);

    [Property]
    public void Half_RoundTrips(Half value) => RoundTrip("echo_half", value);

    [Property]
    public void Char_RoundTrips(char value) => RoundTrip("echo_char", value);

    [Property]
    public void TimeSpan_RoundTrips(TimeSpan value) => RoundTrip("echo_timespan", value);

    [Property]
    public void Uri_RoundTrips(Uri value) => RoundTrip("echo_uri", value);

    [Property]
    public void Version_RoundTrips(Version value) => RoundTrip("echo_version", value);

    [Property]
    public void Dictionary_RoundTrips(Dictionary<string, string> value) => RoundTrip("echo_dictionary", value);

    [Property]
    public void EnumList_RoundTrips(List<Shade> value) => RoundTrip("echo_enum_list", value);

    [Property]
    public void JsonElement_RoundTrips(JsonElement value) => RoundTrip("echo_json", value, boxed: true);

    [Property]
    public void NullableEnum_RoundTrips(Shade? value) => RoundTrip("echo_nullable_enum", value, boxed: true);

    [Property]
    public void NullableString_RoundTrips(bool isNull, string text) => RoundTrip("echo_nullable_string", isNull ? null : text, boxed: true);

    [Property]
    public void TimeOnly_SerialisedValue_BindsBack(TimeOnly value)
    {
        var result = Echo("echo_time", JsonSerializer.Serialize(value, router.Options));

        result.Deserialize<TimeOnly>(router.Options).Should().Be(value);
    }

    [Property]
    public void TimeOnly_Rfc3339FullTimeTheSchemaNames_MatchesSchemaAndBindsToItsTimeOfDay(TimeOnly value, bool utc, int offsetMinutes)
    {
        // JSON Schema's "time" format is RFC 3339 full-time, which always carries an offset.
        var offset = TimeSpan.FromMinutes(Math.Abs(offsetMinutes % (14 * 60)) * Math.Sign(offsetMinutes));
        var text = ToolValues.FullTime(value, utc ? "Z" : offset.ToString(offset < TimeSpan.Zero ? @"\-hh\:mm" : @"\+hh\:mm", System.Globalization.CultureInfo.InvariantCulture));
        var arguments = JsonSerializer.Serialize(new { value = text });

        ShouldMatchSchemas("echo_time", arguments);
        var result = Echo("echo_time", JsonSerializer.Serialize(text));

        result.Deserialize<TimeOnly>(router.Options).Should().Be(value);
    }

    [Property]
    public void RangedInt_SchemaAndBinderAgreeOnWhatIsValid(int value)
    {
        var arguments = $"{{\"value\":{value}}}";
        var schemaAccepts = SchemaValidator.Validate(router.Tool("echo_ranged").ParametersSchema, Parse(arguments)).Count == 0;

        var outcome = router.Call("echo_ranged", arguments);

        outcome.IsError.Should().Be(!schemaAccepts, $"the schema {(schemaAccepts ? "accepts" : "rejects")} {value}, so the binder must too (it answered {outcome})");
    }

    private void RoundTrip<T>(string tool, T value, bool boxed = false)
    {
        var json = JsonSerializer.Serialize(value, router.Options);
        ShouldMatchSchemas(tool, $"{{\"value\":{json}}}");

        var result = Echo(tool, json);

        var echoed = boxed ? result.Deserialize<Boxed<T>>(router.Options)!.Value : result.Deserialize<T>(router.Options);
        JsonSerializer.Serialize(echoed, router.Options).Should().Be(json, "the binder reproduces the value and the result serialises it the same way");
    }

    private JsonElement Echo(string tool, string valueJson)
    {
        var outcome = router.Call(tool, $"{{\"value\":{valueJson}}}");
        outcome.Error.Should().BeNull($"{valueJson} must bind");
        return outcome.Result!.Value;
    }

    private void ShouldMatchSchemas(string tool, string arguments)
    {
        var descriptor = router.Tool(tool);
        var instance = Parse(arguments);
        SchemaValidator.Validate(descriptor.ParametersSchema, instance).Should().BeEmpty($"the schema must accept {arguments}");
        SchemaValidator.Validate(descriptor.StrictParametersSchema, instance).Should().BeEmpty($"the strict schema must accept {arguments}");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
