namespace Flireo.Tools;

/// <summary>Adds a destination to the platform's built-in <c>transfer_call</c> tool, which hands the caller over to a person.</summary>
/// <remarks>
/// <para>
/// Declared on the assembly, once per destination:
/// <c>[assembly: FlireoTransferDestination("+31850000001", "The sales desk, for questions about prices", Message = "I'll connect you to sales.")]</c>.
/// <c>flireo-tools export</c> and <c>push</c> write one <c>{"type": "transfer_call", "destinations": […]}</c> tool with every
/// destination, in declaration order.
/// </para>
/// <para>
/// The destination must be an E.164 phone number (<c>+</c>, country code, number; written as <c>{"type": "number",
/// "number"}</c>) or a SIP URI (<c>sip:desk@pbx.example.com</c>; written as <c>{"type": "sip", "sip_uri"}</c>, since the
/// platform documents only number destinations). Anything else fails the export, naming the attribute. Transfers to a
/// PBX or contact centre need a SIP trunk on the platform.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FlireoTransferDestinationAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="FlireoTransferDestinationAttribute"/> class.</summary>
    /// <param name="destination">An E.164 phone number such as <c>+31850000001</c>, or a SIP URI.</param>
    /// <param name="description">When the model should pick this destination; required by the platform.</param>
    public FlireoTransferDestinationAttribute(string destination, string description)
    {
        Destination = destination;
        Description = description;
    }

    /// <summary>Gets the E.164 phone number or SIP URI to transfer to.</summary>
    public string Destination { get; }

    /// <summary>Gets when the model should pick this destination.</summary>
    public string Description { get; }

    /// <summary>Gets or sets what the assistant says to the caller before transferring, or <see langword="null"/> for nothing.</summary>
    public string? Message { get; set; }
}
