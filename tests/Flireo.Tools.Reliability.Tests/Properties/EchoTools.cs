using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Flireo.Tools.Reliability.Tests.Properties;

/// <summary>One tool per supported parameter type, each answering with the value it was given.</summary>
public sealed class EchoTools
{
    [FlireoTool("echo_int")]
    public static int EchoInt(int value) => value;

    [FlireoTool("echo_long")]
    public static long EchoLong(long value) => value;

    [FlireoTool("echo_decimal")]
    public static decimal EchoDecimal(decimal value) => value;

    [FlireoTool("echo_double")]
    public static double EchoDouble(double value) => value;

    [FlireoTool("echo_bool")]
    public static bool EchoBool(bool value) => value;

    [FlireoTool("echo_string")]
    public static string EchoString(string value) => value;

    [FlireoTool("echo_enum")]
    public static Shade EchoEnum(Shade value) => value;

    [FlireoTool("echo_date")]
    public static DateOnly EchoDate(DateOnly value) => value;

    [FlireoTool("echo_time")]
    public static TimeOnly EchoTime(TimeOnly value) => value;

    [FlireoTool("echo_datetime")]
    public static DateTime EchoDateTime(DateTime value) => value;

    [FlireoTool("echo_datetimeoffset")]
    public static DateTimeOffset EchoDateTimeOffset(DateTimeOffset value) => value;

    [FlireoTool("echo_guid")]
    public static Guid EchoGuid(Guid value) => value;

    [FlireoTool("echo_record")]
    public static Guest EchoRecord(Guest value) => value;

    [FlireoTool("echo_list")]
    public static List<int> EchoList(List<int> value) => value;

    [FlireoTool("echo_records")]
    public static Guest[] EchoRecords(Guest[] value) => value;

    // A tool that returns null answers {"success":true}; a box keeps a null value visible in the result.
    [FlireoTool("echo_nullable")]
    public static Boxed<int?> EchoNullable(int? value) => new(value);

    [FlireoTool("echo_nullable_date")]
    public static Boxed<DateOnly?> EchoNullableDate(DateOnly? value = null) => new(value);

    [FlireoTool("echo_byte")]
    public static byte EchoByte(byte value) => value;

    [FlireoTool("echo_sbyte")]
    public static sbyte EchoSByte(sbyte value) => value;

    [FlireoTool("echo_short")]
    public static short EchoShort(short value) => value;

    [FlireoTool("echo_ushort")]
    public static ushort EchoUShort(ushort value) => value;

    [FlireoTool("echo_uint")]
    public static uint EchoUInt(uint value) => value;

    [FlireoTool("echo_ulong")]
    public static ulong EchoULong(ulong value) => value;

    [FlireoTool("echo_int128")]
    public static Int128 EchoInt128(Int128 value) => value;

    [FlireoTool("echo_uint128")]
    public static UInt128 EchoUInt128(UInt128 value) => value;

    [FlireoTool("echo_float")]
    public static float EchoFloat(float value) => value;

    [FlireoTool("echo_half")]
    public static Half EchoHalf(Half value) => value;

    [FlireoTool("echo_char")]
    public static char EchoChar(char value) => value;

    [FlireoTool("echo_timespan")]
    public static TimeSpan EchoTimeSpan(TimeSpan value) => value;

    [FlireoTool("echo_uri")]
    public static Uri EchoUri(Uri value) => value;

    [FlireoTool("echo_version")]
    public static Version EchoVersion(Version value) => value;

    [FlireoTool("echo_dictionary")]
    public static Dictionary<string, string> EchoDictionary(Dictionary<string, string> value) => value;

    [FlireoTool("echo_enum_list")]
    public static List<Shade> EchoEnumList(List<Shade> value) => value;

    // A tool that returns a JsonElement answers in one of Flireo's answer shapes; a box returns the value as data.
    [FlireoTool("echo_json")]
    public static Boxed<JsonElement> EchoJson(JsonElement value) => new(value);

    [FlireoTool("echo_nullable_enum")]
    public static Boxed<Shade?> EchoNullableEnum(Shade? value) => new(value);

    [FlireoTool("echo_nullable_string")]
    public static Boxed<string?> EchoNullableString(string? value) => new(value);

    [FlireoTool("echo_ranged")]
    public static int EchoRanged([Range(1, 20)] int value) => value;
}

/// <summary>Carries one value, so that null is a result rather than no result.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed record Boxed<T>(T Value);

/// <summary>A colour with a few names.</summary>
public enum Shade
{
    Red,
    Green,
    DeepBlue,
}

/// <summary>A record with nested optional, enum, list and date members.</summary>
public sealed record Guest(string Name, int Age, Shade Favourite, DateOnly? Birthday, List<string> Tags, decimal? Budget = null);
