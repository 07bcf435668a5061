using Flireo.Tools.Protocol;

namespace Flireo.Tools.Webhooks;

/// <summary>Describes the phone call a webhook belongs to.</summary>
public sealed class CallInfo
{
    /// <summary>Gets the Flireo call id (<c>message.call.id</c>).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the call type, for example <c>inbound_phone_call</c>, <c>outbound_phone_call</c> or <c>web_call</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the call status, for example <c>ringing</c>, <c>in-progress</c>, <c>ended</c> or <c>ended-with-error</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the caller's E.164 number (<c>message.customer.number</c>), or <see langword="null"/> on web calls.</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>Gets the Flireo phone number of the call, when present.</summary>
    public PhoneNumberInfo? PhoneNumber { get; init; }
}
