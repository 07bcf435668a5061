using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Flireo.Examples.Restaurant.Messaging;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Tools;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Texts booking confirmations to guests, in the background.</summary>
/// <param name="store">The bookings.</param>
/// <param name="sms">The text message sender.</param>
/// <param name="options">The restaurant options, for the restaurant's name.</param>
public sealed class ConfirmationSmsTools(IReservationStore store, ISmsSender sms, IOptions<RestaurantOptions> options)
{
    /// <summary>Sends the confirmation of a booking by text message to the number it was made with.</summary>
    /// <param name="confirmationCode">The booking's confirmation code.</param>
    /// <param name="cancellationToken">Cancelled when the background attempt times out or the server stops.</param>
    /// <returns>What the assistant tells the caller once the message was handed to the SMS provider.</returns>
    /// <remarks>
    /// An async tool: Flireo.Tools answers the webhook at once with <see cref="FlireoToolAttribute.Message"/>
    /// and runs this method afterwards, retrying it when it throws. With <see cref="FlireoToolAttribute.AnnounceResult"/>
    /// the result (or the refusal) is spoken into the call when the run ends, so the caller hears that the text is sent
    /// (it needs <c>Flireo:Api:Key</c>). The message only goes to the number the booking was made with, so the model
    /// cannot be talked into texting anyone else.
    /// </remarks>
    [FlireoTool("send_confirmation_sms", Async = true, AnnounceResult = true, Message = "I'll text you the confirmation.",
        Description = "Texts the booking confirmation to the phone number the booking was made with. Use it after booking when the caller wants the details by text message.")]
    public async Task<string> SendConfirmationSmsAsync(
        [Description("The confirmation code: three letters and three digits, for example ANV-101.")]
        [RegularExpression(ConfirmationCodes.Pattern, ErrorMessage = "A confirmation code is three letters and three digits, like ANV-101. Ask the caller to read it again.")]
        string confirmationCode,
        CancellationToken cancellationToken = default)
    {
        var code = ConfirmationCodes.Normalize(confirmationCode);
        var booking = await store.FindBookingAsync(code, cancellationToken);
        if (booking is not { Status: BookingStatus.Confirmed })
        {
            // A deliberate refusal: logged by Flireo.Tools and not retried.
            throw new FlireoToolException($"There is no confirmed booking with the code {code}.");
        }

        var text = $"{options.Value.Name}: table for {booking.PartySize} on {Spoken.Date(booking.Date)} at {Spoken.Time(booking.Time)}, "
            + $"name {booking.Name}. Confirmation code {booking.Code}. To cancel, call us and quote the code.";
        await sms.SendAsync(booking.Phone, text, cancellationToken);
        return "The confirmation text is sent.";
    }
}
