using System.Text.Json;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;
using Flireo.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Tests.Tools;

public class ConfirmationSmsToolsTests
{
    [Fact]
    public async Task SendConfirmationSms_ValidCode_IsAcknowledgedAtOnceAndQueued()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("send_confirmation_sms", new { confirmationCode = "ANV-101" });

        result.Result!.Value.GetString().Should().Be("I'll text you the confirmation.");
        var item = host.Queue.Items.Should().ContainSingle().Subject;
        item.ToolName.Should().Be("send_confirmation_sms");
        JsonDocument.Parse(item.ArgumentsJson).RootElement.GetProperty("confirmationCode").GetString().Should().Be("ANV-101");
        host.Sms.Sent.Should().BeEmpty("the text is sent in the background, after the answer");
    }

    [Fact]
    public async Task SendConfirmationSms_MalformedCode_IsRefusedBeforeQueueing()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("send_confirmation_sms", new { confirmationCode = "tomorrow" });

        result.Error.Should().StartWith("Parameter 'confirmationCode' of tool 'send_confirmation_sms' is invalid");
        host.Queue.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task SendConfirmationSms_WhenRun_TextsTheNumberOfTheBooking()
    {
        using var host = new RestaurantHost();
        using var scope = host.Services.CreateScope();
        var tools = scope.ServiceProvider.GetRequiredService<ConfirmationSmsTools>();

        var spoken = await tools.SendConfirmationSmsAsync("anv-101", CancellationToken.None);

        spoken.Should().Be("The confirmation text is sent.", "AnnounceResult speaks it into the call");

        var (phone, text) = host.Sms.Sent.Should().ContainSingle().Subject;
        phone.Should().Be(Webhooks.AnnasNumber);
        text.Should().Be("De Gouden Lepel: table for 2 on Friday 6 March at 19:00, name Anna de Vries. Confirmation code ANV-101. To cancel, call us and quote the code.");
    }

    [Fact]
    public async Task SendConfirmationSms_WhenRunForACancelledBooking_ThrowsAMessageForTheLog()
    {
        using var host = new RestaurantHost();
        (await host.CallAsync("cancel_booking", new { confirmationCode = "ANV-101" })).Error.Should().BeNull();
        using var scope = host.Services.CreateScope();
        var tools = scope.ServiceProvider.GetRequiredService<ConfirmationSmsTools>();

        var send = () => tools.SendConfirmationSmsAsync("ANV-101", CancellationToken.None);

        await send.Should().ThrowAsync<FlireoToolException>().WithMessage("There is no confirmed booking with the code ANV-101.");
        host.Sms.Sent.Should().BeEmpty();
    }
}
