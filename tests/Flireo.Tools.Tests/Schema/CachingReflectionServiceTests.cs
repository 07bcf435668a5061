using System.Text.Json;
using System.Text.Json.Serialization;
using Flireo.Tools.Invocation;
using Flireo.Tools.Schema;

namespace Flireo.Tools.Tests.Schema;

public sealed class CachingReflectionServiceTests
{
    private static readonly JsonSerializerOptions Defaults = ToolJson.CreateDefaultOptions();

    [Flags]
    public enum Days
    {
        None = 0,
        Monday = 1,
        Tuesday = 2,
        Weekend = 4,
        Early = Monday | Tuesday,
    }

    public enum Seating
    {
        Indoor,
        [JsonStringEnumMemberName("out-door")]
        Outdoor,
        Bar = 7,
    }

#pragma warning disable CA1069 // The alias is the point of the test.
    public enum Aliased
    {
        First = 1,
        Primary = 1,
        Second = 2,
    }
#pragma warning restore CA1069

    public static TheoryData<object> DeclaredMembers() =>
    [
        Days.None, Days.Monday, Days.Weekend, Days.Early,
        Seating.Indoor, Seating.Outdoor, Seating.Bar,
    ];

    [Theory]
    [MemberData(nameof(DeclaredMembers))]
    public void TryGetName_DefaultOptions_EqualsWhatSystemTextJsonWrites(object value)
    {
        var service = new CachingReflectionService();

        var name = service.TryGetName(value, Defaults);

        name.Should().Be(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, value.GetType(), Defaults)));
    }

    [Fact]
    public void TryGetName_AliasedValuesOrUndeclaredValue_LeavesItToSystemTextJson()
    {
        var service = new CachingReflectionService();

        service.TryGetName(Aliased.Second, Defaults).Should().BeNull("aliased values make the written name depend on System.Text.Json");
        service.TryGetName((Seating)3, Defaults).Should().BeNull("3 is not a member");
        service.TryGetName(42, Defaults).Should().BeNull("not an enum");
    }

    [Fact]
    public void TryGetName_AnotherEnumConverter_LeavesItToSystemTextJson()
    {
        var service = new CachingReflectionService();
        var camel = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

        service.TryGetName(Seating.Indoor, camel).Should().BeNull();
    }
}
