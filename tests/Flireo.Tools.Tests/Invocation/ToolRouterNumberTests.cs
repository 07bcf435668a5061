using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

public class ToolRouterNumberTests
{
    private static RouterHost Host(Action<FlireoToolsOptions>? configure = null) => new(b => b.AddTools<NumberTools>(), configure);

    private static async Task<ToolCallResult> RouteOne(RouterHost host, string tool, string arguments, string id = "t1")
    {
        using var document = JsonDocument.Parse(arguments);
        using var message = TestWebhooks.ToolCalls((id, tool, document.RootElement));
        var response = await host.Router.RouteAsync(message, CancellationToken.None);
        return response.Results.Should().ContainSingle().Subject;
    }

    [Theory]
    [InlineData("take_double", """{"value":1e400}""", "value")]
    [InlineData("take_double", """{"value":-1e400}""", "value")]
    [InlineData("take_double", """{"value":"NaN"}""", "value")]
    [InlineData("take_double", """{"value":"Infinity"}""", "value")]
    [InlineData("take_double", """{"value":"-Infinity"}""", "value")]
    [InlineData("take_double", """{"value":"1e400"}""", "value")]
    [InlineData("take_nullable_double", """{"value":"NaN"}""", "value")]
    [InlineData("take_nullable_double", """{"value":1e400}""", "value")]
    [InlineData("take_float", """{"value":1e39}""", "value")]
    [InlineData("take_float", """{"value":"NaN"}""", "value")]
    [InlineData("take_long", """{"value":9223372036854775808}""", "value")]
    [InlineData("take_long", """{"value":"9223372036854775808"}""", "value")]
    [InlineData("take_int", """{"value":2147483648}""", "value")]
    [InlineData("take_decimal", """{"value":1e400}""", "value")]
    [InlineData("take_point", """{"point":{"x":1e400,"y":0}}""", "point")]
    [InlineData("take_point", """{"point":{"x":1,"y":"NaN"}}""", "point")]
    [InlineData("take_values", """{"values":[1,"NaN"]}""", "values")]
    [InlineData("take_values", """{"values":[1e400]}""", "values")]
    [InlineData("take_points", """{"points":[{"x":0,"y":0},{"x":"-Infinity","y":0}]}""", "points")]
    [InlineData("take_longs", """{"values":[1,9223372036854775808]}""", "values")]
    public async Task Route_NumberTheParameterTypeCannotHold_IsAnInvalidArgumentAndTheToolNeverRuns(string tool, string arguments, string parameter)
    {
        using var host = Host();

        var result = await RouteOne(host, tool, arguments);

        result.Error.Should().StartWith($"Parameter '{parameter}' of tool '{tool}' has an invalid value");
        result.Result.Should().BeNull("the tool returns its argument as text when it runs");
    }

    [Fact]
    public async Task Route_NumberBeyondAnIntRangeOnADoubleParameter_IsOutOfTheRange_NotAFailure()
    {
        using var host = Host();

        // [Range(0, 100)] converts the value to int before comparing, which overflows for 1e10.
        var result = await RouteOne(host, "take_percent", """{"percent":1e10}""");

        result.Error.Should().Be("Parameter 'percent' of tool 'take_percent' is invalid: The field percent must be between 0 and 100.");
    }

    [Theory]
    [InlineData("take_values", """{"values":[1,"NaN"]}""", "Parameter 'values' of tool 'take_values' has an invalid value at [1]: expected an array whose items are each a number.")]
    [InlineData("take_point", """{"point":{"x":1e400,"y":0}}""", "Parameter 'point' of tool 'take_point' has an invalid value at x: expected an object.")]
    [InlineData("take_long", """{"value":9223372036854775808}""", "Parameter 'value' of tool 'take_long' has an invalid value: expected an integer.")]
    public async Task Route_NumberTheParameterTypeCannotHold_ErrorSaysWhereAndWhatWasExpected(string tool, string arguments, string expected)
    {
        using var host = Host();

        var result = await RouteOne(host, tool, arguments);

        result.Error.Should().Be(expected);
    }

    [Theory]
    [InlineData("take_double", """{"value":1.5e300}""", "1.5E+300")]
    [InlineData("take_double", """{"value":"2.5"}""", "2.5")]
    [InlineData("take_double", """{"value":-0.0}""", "-0")]
    [InlineData("take_float", """{"value":3.4e38}""", "3.4E+38")]
    [InlineData("take_long", """{"value":9223372036854775807}""", "9223372036854775807")]
    [InlineData("take_nullable_double", """{"value":null}""", "null")]
    [InlineData("take_point", """{"point":{"x":1,"y":"2"}}""", "1;2")]
    [InlineData("take_values", """{"values":[1,"2",3e10]}""", "1;2;30000000000")]
    public async Task Route_FiniteNumbersAtTheEdges_StillBind(string tool, string arguments, string expected)
    {
        using var host = Host();

        var result = await RouteOne(host, tool, arguments);

        result.Error.Should().BeNull();
        result.Result!.Value.GetString().Should().Be(expected);
    }

    [Theory]
    [InlineData("result_nan", "NaN or Infinity")]
    [InlineData("result_infinity_in_record", "NaN or Infinity")]
    [InlineData("result_nan_node", "NaN or Infinity")]
    [InlineData("result_nan_ok", "NaN or Infinity")]
    [InlineData("result_cycle", "a reference cycle")]
    [InlineData("result_pointer", "a value of a type JSON cannot hold")]
    public async Task Route_ResultThatCannotBeWrittenAsJson_ErrorNamesTheToolAndTheReason(string tool, string reason)
    {
        using var host = Host();

        var result = await RouteOne(host, tool, "{}");

        result.Error.Should().StartWith($"The result of tool '{tool}' cannot be written as JSON: ").And.Contain(reason);
        result.Error.Should().NotContain("failed");
    }

    [Fact]
    public async Task Route_ResultThatCannotBeWrittenAsJson_WithDetailedErrors_AddsTheSerializersMessage()
    {
        using var host = Host(o => o.IncludeDetailedErrors = true);

        var result = await RouteOne(host, "result_cycle", "{}");

        result.Error.Should().Contain("a reference cycle").And.Contain("A possible object cycle was detected");
    }

    public sealed record Point(double X, double Y);

    public sealed class NumberTools
    {
        [FlireoTool("take_percent")]
        public static string TakePercent([System.ComponentModel.DataAnnotations.Range(0, 100)] double percent) => percent.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("take_double")]
        public static string TakeDouble(double value) => value.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("take_nullable_double")]
        public static string TakeNullableDouble(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

        [FlireoTool("take_float")]
        public static string TakeFloat(float value) => value.ToString(CultureInfo.InvariantCulture);


        [FlireoTool("take_long")]
        public static string TakeLong(long value) => value.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("take_int")]
        public static string TakeInt(int value) => value.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("take_decimal")]
        public static string TakeDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("take_point")]
        public static string TakePoint(Point point) => string.Create(CultureInfo.InvariantCulture, $"{point.X};{point.Y}");

        [FlireoTool("take_values")]
        public static string TakeValues(double[] values) => string.Join(";", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

        [FlireoTool("take_points")]
        public static string TakePoints(List<Point> points) => points.Count.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("take_longs")]
        public static string TakeLongs(long[] values) => values.Length.ToString(CultureInfo.InvariantCulture);

        [FlireoTool("result_nan")]
        public static double ResultNaN() => double.NaN;

        [FlireoTool("result_infinity_in_record")]
        public static Point ResultInfinityInRecord() => new(1, double.PositiveInfinity);

        [FlireoTool("result_nan_node")]
        public static JsonNode ResultNaNNode() => new JsonObject { ["total"] = double.NaN };

        [FlireoTool("result_nan_ok")]
        public static ToolResult ResultNaNOk() => ToolResult.Ok(new { total = float.NegativeInfinity });

        [FlireoTool("result_cycle")]
        public static object ResultCycle()
        {
            var node = new SampleTools.Node();
            node.Next = node;
            return node;
        }

        [FlireoTool("result_pointer")]
        public static object ResultPointer() => new { handle = IntPtr.Zero };
    }
}
