using Flireo.Tools.Testing.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Testing.Tests.Platform;

public class FlireoTestHostPlatformTests
{
    [Fact]
    public async Task Platform_GivenInTheOptions_ReceivesTheAppsCommandsAndIsExposed()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<LiveCallTools>(), options => options.Platform = platform);

        var answer = await host.CallToolAsync("transfer_to_person", new { });
        var commands = await host.Platform!.WaitForCommandsAsync(1);

        answer.ResultAs<string>().Should().Be("Transferring.");
        host.Platform.Should().BeSameAs(platform);
        (commands[0].CallId, commands[0].Type, commands[0].Destination, commands[0].Message).Should().Be(("test-call", "transfer", "+31850000001", "Connecting you."));
        commands[0].Request.Authorization.Should().Be("Bearer " + platform.ApiKey);
    }

    [Fact]
    public async Task Platform_SettingsNamingTheKey_WinOverThePlatformsKey()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = FlireoTestHost.Create(
            services => services.AddFlireoTools().AddTools<LiveCallTools>(),
            options =>
            {
                options.Platform = platform;
                options.Settings["Flireo:Api:Key"] = "a-wrong-key";
            });

        var answer = await host.CallToolAsync("transfer_to_person", new { });

        answer.IsError.Should().BeTrue("the fake refuses the wrong key and the client throws");
        platform.Requests.Should().ContainSingle().Which.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task Platform_NotGiven_IsNull()
    {
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<LiveCallTools>());

        host.Platform.Should().BeNull();
    }

    public sealed class LiveCallTools
    {
        [FlireoTool("transfer_to_person", Description = "Transfers the caller to a person.")]
        public static async Task<string> TransferAsync(ToolCallContext context, CancellationToken cancellationToken)
        {
            var result = await context.Call.TransferAsync("+31850000001", "Connecting you.", cancellationToken);
            return result.IsSent ? "Transferring." : "Nobody can take the call right now.";
        }
    }
}
