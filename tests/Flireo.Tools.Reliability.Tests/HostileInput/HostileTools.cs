using System.ComponentModel.DataAnnotations;

namespace Flireo.Tools.Reliability.Tests.HostileInput;

/// <summary>Tools with parameters of many types, so mutated arguments reach every kind of binder.</summary>
public sealed class HostileTools
{
    [FlireoTool("book_table", Description = "Books a table.")]
    public static Booking BookTable(
        [StringLength(100)] string name,
        [Range(1, 20)] int guests,
        DateOnly date,
        TimeOnly time,
        Seating seating,
        decimal? budget = null,
        List<string>? tags = null,
        Address? address = null) => new(name, guests, date, time, seating, budget, tags?.Count ?? 0, address?.City);

    [FlireoTool("echo", Description = "Returns the text.")]
    public static string Echo(string text) => text;

    [FlireoTool("count", Description = "Counts values.")]
    public static int Count(long[] values, bool? strict = null) => values.Length;

    [FlireoTool("schedule_callback", Async = true, Description = "Schedules a callback.")]
    public static Task ScheduleCallbackAsync(Guid customer, DateTimeOffset at, double? priority = null) => Task.CompletedTask;
}

/// <summary>Where a party sits.</summary>
public enum Seating
{
    Inside,
    Terrace,
    Bar,
}

/// <summary>A postal address.</summary>
public sealed record Address([Required] string Street, string City, [RegularExpression("^[0-9]{4}[A-Z]{2}$")] string? PostalCode = null);

/// <summary>What book_table answers.</summary>
public sealed record Booking(string Name, int Guests, DateOnly Date, TimeOnly Time, Seating Seating, decimal? Budget, int Tags, string? City);
