using System.ComponentModel.DataAnnotations;
using Flireo.Examples.Restaurant.Weather;

namespace Flireo.Examples.Restaurant;

/// <summary>Configures the restaurant tools; bound from the <c>Restaurant</c> configuration section.</summary>
public sealed class RestaurantOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Restaurant";

    /// <summary>Gets or sets the restaurant's name, used in text messages to guests.</summary>
    [Required]
    [StringLength(60)]
    public string Name { get; set; } = "De Gouden Lepel";

    /// <summary>Gets or sets how long a table is held for one booking. Default 2 hours.</summary>
    [Range(typeof(TimeSpan), "00:30:00", "06:00:00")]
    public TimeSpan SittingDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets or sets how many days ahead guests can book. Default 60.</summary>
    [Range(1, 365)]
    public int BookingWindowDays { get; set; } = 60;

    /// <summary>Gets or sets where <c>transfer_to_staff</c> puts callers through: an E.164 phone number or a SIP URI of the front desk.</summary>
    [Required]
    public string StaffPhone { get; set; } = "+31201234567";

    /// <summary>Gets the settings of the weather service used for terrace advice.</summary>
    public WeatherOptions Weather { get; } = new();
}
