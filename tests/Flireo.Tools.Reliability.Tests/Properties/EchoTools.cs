using System.ComponentModel.DataAnnotations;

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
