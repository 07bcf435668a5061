using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Flireo.Tools;

namespace Flireo.Examples.Docs.SchemaMapping;

/// <summary>One parameter of each kind; docs/schema-mapping.md shows the schema Flireo.Tools generates for each line.</summary>
public sealed class SchemaShowcaseTools
{
    [FlireoTool("schema_showcase", Description = "Shows how C# parameter types map to JSON schema.")]
    public string Showcase(
        #region schema-showcase-parameters
        int partySize,
        long loyaltyPoints,
        double distanceKm,
        decimal price,
        bool confirmed,
        string name,
        char initial,
        DateOnly date,
        TimeOnly time,
        DateTime pickUpAt,
        DateTimeOffset startsAt,
        TimeSpan duration,
        Guid orderId,
        Uri website,
        SeatingArea area,
        int? children,
        string? note,
        SeatingArea? preferredArea,
        string[] tags,
        List<DayOfWeek> days,
        Dictionary<string, string> customFields,
        GuestContact contact,
        JsonElement extra,
        [Description("Number of guests, children included")] int guests,
        [Range(1, 20)] int tableSize,
        [Range(0, 100, MinimumIsExclusive = true, MaximumIsExclusive = true)] double discountPercent,
        [StringLength(40, MinimumLength = 2)] string lastName,
        [Length(1, 3)] string[] dishes,
        [RegularExpression("^[0-9]{4}$")] string pin,
        [EmailAddress] string email,
        [Url] string menuLink,
        [Phone] string phone,
        [AllowedValues("lunch", "dinner")] string sitting,
        [Required] string code,
        int nights = 2,
        string language = "nl",
        bool sendReminder = true)
        #endregion
        => "ok";
}
