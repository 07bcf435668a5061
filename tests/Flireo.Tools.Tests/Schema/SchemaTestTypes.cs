using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Tests.Schema;

public enum Cuisine
{
    Italian,
    FrenchBistro,
    Sushi,
}

public sealed record Address(
    [Description("Street and house number")] string Street,
    [property: Description("City name")] string City,
    [StringLength(10, MinimumLength = 4)] string? PostalCode = null);

public sealed record Booking(Guid Id, string? Note);

public sealed record Table([Required] string Label, int Seats = 4, Cuisine Cuisine = Cuisine.Italian, string Area = "indoor", string? Note = null);

[Description("A guest of the restaurant")]
public sealed class Guest
{
    [Required]
    [Description("Full name")]
    public string Name { get; set; } = "";

    [EmailAddress]
    public string? Email { get; set; }

    [Phone]
    public string? Phone { get; set; }

    [Range(1, 5)]
    public int Tier { get; set; } = 1;

    [Length(1, 3)]
    public List<string> Tags { get; set; } = [];

    [AllowedValues("window", "terrace")]
    public string? Seat { get; set; }

    [RegularExpression("^[A-Z]{2}$")]
    public string? Country { get; set; }

    public required DateOnly Birthday { get; init; }

    public Address? Home { get; set; }

    public Cuisine? Favourite { get; set; }

    public char Initial { get; set; }
}

public sealed class TreeNode
{
    public string Label { get; set; } = "";

    public List<TreeNode> Children { get; set; } = [];
}

public class Party
{
    public int Size { get; set; }
}

public sealed class CorporateParty : Party
{
    public string Company { get; set; } = "";
}

public static class SchemaSignatures
{
    public static void Primitives(int count, long total, short small, byte tiny, sbyte offset, uint visits, ulong big, double ratio, float weight, decimal price, bool confirmed, char initial, string text) { }

    public static void WideScalars(Half gauge, Int128 huge, UInt128 hugeUnsigned, Version release, Half? optionalGauge) { }

    public static void Dates(DateOnly day, TimeOnly at, DateTime moment, DateTimeOffset instant, Guid id, Uri link) { }

    public static void Span(TimeSpan duration) { }

    public static void Enums(Cuisine cuisine, Cuisine[] alternatives) { }

    public static void Nullables(int? count, string? note, Cuisine? cuisine, Address? address, DateOnly? day) { }

    public static void Record(Address address) { }

    public static void RecordWithNullable(Booking booking) { }

    public static void Complex(Guest guest) { }

    public static void Inherited(CorporateParty party) { }

    public static void ParameterAnnotations(
        [Range(1, 20)] int guests,
        [StringLength(40, MinimumLength = 2)] string name,
        [RegularExpression("^[0-9]{4}$")] string pin,
        [EmailAddress] string email,
        [Url] string website,
        [Phone] string phone,
        [MinLength(1), MaxLength(3)] string[] dishes,
        [Length(2, 8)] string code,
        [AllowedValues("lunch", "dinner")] string sitting,
        [Range(0, 100, MinimumIsExclusive = true, MaximumIsExclusive = true)] double percentage,
        [Range(0.5, 9.5)] double rating) { }

    public static void Collections(List<int> numbers, IReadOnlyList<string> names, IEnumerable<Address> addresses, HashSet<Guid> ids, int[] seats, Dictionary<string, int> stock, Dictionary<string, Address> sites) { }

    public static void AnyValues(JsonElement element, JsonNode node, object value) { }

    public static void Recursive(TreeNode tree) { }

    public static void Optional(
        [Description("Day of the visit")] DateOnly date,
        int guests = 2,
        string? note = null,
        Cuisine cuisine = Cuisine.Sushi,
        [StringLength(20)] string greeting = "Welcome",
        [Url] string? menu = null) { }

    public static void RequiredStrings(
        [Required] string name,
        [Required, StringLength(200)] string note,
        [Required(AllowEmptyStrings = true)] string code,
        [Required] Cuisine cuisine,
        [Required] DateOnly day,
        Table table) { }

    public static void None() { }

    public static void Named(string firstName, int partySize) { }
}

public sealed record Box<T>(T Value);

// Parameters of the same types across methods, with different descriptions, annotations and defaults: the generator
// shares one schema per parameter type between them and must still give each parameter its own.
public static class SharingSignatures
{
    public static void First(
        [Description("When the guests arrive")] TimeSpan wait,
        [Description("Where they live")] Address? address,
        [Range(1, 8)] int guests,
        [Description("Seats to keep free")] int spare = 3,
        Cuisine cuisine = Cuisine.Sushi,
        [Description("Tags for the kitchen")] List<string>? tags = null) { }

    public static void Second(
        [Description("Longest wait.")] TimeSpan wait,
        Address? address,
        [Range(2, 4)] int guests,
        int spare = 5,
        [Description("Kitchen")] Cuisine cuisine = Cuisine.Italian,
        List<string>? tags = null) { }

    public static void Third(TimeSpan wait, [Description("Home")] Address address, int guests, [Range(0, 9)] int spare, Cuisine? cuisine, [MinLength(1)] List<string> tags) { }

    public static void Generic(Box<string?> maybe, Box<string> surely) { }

    public static void GenericReversed(Box<string> surely, Box<string?> maybe) { }

    public static void AnnotatedComplex([Required] Address address, Address? other, [MinLength(1)] List<Address> more) { }

    public static void Recursive(TreeNode tree, [Description("Another tree")] TreeNode? other, int depth = 2) { }
}
