namespace Flireo.Tools.Protocol;

/// <summary>Represents the Flireo phone number a call came in on or went out from.</summary>
/// <param name="Id">The phone number id, or <see langword="null"/> (always on web calls).</param>
/// <param name="Number">The E.164 number, or <see langword="null"/> on web calls.</param>
/// <param name="Name">The display name given to the number.</param>
public sealed record PhoneNumberInfo(string? Id, string? Number, string? Name);
