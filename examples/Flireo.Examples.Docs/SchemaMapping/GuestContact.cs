using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Flireo.Examples.Docs.SchemaMapping;

public sealed record GuestContact(
    [Description("Full name")] string Name,
    [Phone] string Phone,
    [EmailAddress] string? Email = null);
