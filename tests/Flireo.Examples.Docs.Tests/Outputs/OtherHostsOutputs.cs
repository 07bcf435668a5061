using System.Net;
using System.Net.Sockets;
using Flireo.Examples.Docs.GettingStarted;
using Flireo.Examples.Docs.OtherHosts;
using Flireo.Examples.Docs.WebhookReference;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/other-hosts.md shows: the <c>HttpListener</c> host answering a signed and a forged webhook on a real loopback port.</summary>
internal static class OtherHostsOutputs
{
    private const string Secret = "other-hosts-secret";

    [DocOutput("other-hosts-answers")]
    public static async Task<string> Answers()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFlireoTools(o => o.WebhookSecret = Secret).AddTools<OpeningHoursTools>();
        await using var provider = services.BuildServiceProvider();
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = HttpListenerHost.ServeAsync(listener, provider, stop.Token);
        using var client = new HttpClient();
        var url = new Uri($"http://127.0.0.1:{port}/flireo");

        var signed = await SignedRequest.SendAsync(client, url, Secret, TimeProvider.System);
        var forged = await SignedRequest.SendAsync(client, url, "not-the-secret", TimeProvider.System);

        await stop.CancelAsync();
        var stopped = async () => await serving;
        await stopped.Should().ThrowAsync<OperationCanceledException>();
        return $"signed: {signed}\nforged: {forged}";
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
