using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Testing.Tests.Platform;

public class FakeFlireoPlatformTests
{
    [Fact]
    public async Task StartAsync_ListensOnLoopbackUnderTheApiPath()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();

        platform.BaseUrl.Host.Should().Be("127.0.0.1");
        platform.BaseUrl.AbsolutePath.Should().Be("/api/v1");
    }

    [Fact]
    public async Task Control_WrongKey_Answers401AndIsRecorded()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();

        using var response = await SendAsync(http, platform, "call-1", """{"type":"end-call"}""", "not-the-key");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        platform.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer not-the-key");
        platform.Commands.Should().BeEmpty("a request refused at the key check is no command");
    }

    [Fact]
    public async Task Control_InvalidCommand_Answers400()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();

        using var response = await SendAsync(http, platform, "call-1", """{"type":"say","content":"hi"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("end_after");
    }

    [Fact]
    public async Task Control_PastTheLimitOfTheCall_Answers429WithRetryAfter()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync(o => o.CommandsPerMinutePerCall = 2);
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(http, platform, "call-1", """{"type":"inject-context","content":"x","trigger_response":false}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
            }
        }

        using var other = await SendAsync(http, platform, "call-2", """{"type":"end-call"}""");

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Control_AfterAnAcceptedEndCall_Answers400()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();

        using var first = await SendAsync(http, platform, "call-1", """{"type":"end-call","message":"Bye"}""");
        using var second = await SendAsync(http, platform, "call-1", """{"type":"say","content":"hi","end_after":false}""");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        platform.Commands.Select(c => (c.Type, c.Accepted)).Should().Equal(("end-call", true), ("say", false));
        platform.Commands[0].Message.Should().Be("Bye");
    }

    [Fact]
    public async Task WaitForCommandsAsync_TooFewArrive_ThrowsListingThoseThatDid()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();
        using var response = await SendAsync(http, platform, "call-1", """{"type":"end-call"}""");

        var act = () => platform.WaitForCommandsAsync(2, TimeSpan.FromMilliseconds(200));

        await act.Should().ThrowAsync<TimeoutException>().WithMessage("*1 arrived: end-call call-1 (200)*");
    }

    [Fact]
    public async Task UnknownEndpoint_Answers404()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, platform.BaseUrl + "/nothing");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.ApiKey);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        platform.Requests.Should().ContainSingle().Which.Path.Should().Be("/nothing");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, FakeFlireoPlatform platform, string callId, string body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{platform.BaseUrl}/calls/{callId}/control")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? platform.ApiKey);
        return http.SendAsync(request);
    }
}
