using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/deploying-the-server.md shows: the built server, run as a process.</summary>
internal static class ServerOutputs
{
    private static string Server => BuiltProgram.Output("src/Flireo.Tools.Server", "Flireo.Tools.Server.dll");

    private static string Restaurant => BuiltProgram.Output("examples/Flireo.Examples.Restaurant", "Flireo.Examples.Restaurant.dll");

    [DocOutput("server-help")]
    public static async Task<string> Help() => (await BuiltProgram.RunAsync(Server, ["--help"])).Out;

    [DocOutput("server-no-secret")]
    public static async Task<string> NoSecret()
    {
        var (exitCode, _, error) = await BuiltProgram.RunAsync(Server, ["--tools", Restaurant], new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });
        return $"{error}\n(exit code {exitCode})";
    }

    [DocOutput("server-readyz")]
    public static async Task<string> Ready()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var data = Directory.CreateTempSubdirectory("flireo-docs-data-").FullName;
        using var server = BuiltProgram.Start(
            Server,
            ["--tools", Restaurant, "--urls", url],
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Flireo__WebhookSecret"] = "a-secret-from-the-secret-store",
                ["Flireo__Api__Key"] = "an-api-key-from-the-secret-store",
                ["Flireo__Server__LogFormat"] = "Json",
                ["Flireo__Server__DataDirectory"] = data,
                ["Flireo__Server__HealthDetails"] = "true",
            });
        try
        {
            await WaitUntilListeningAsync(server);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            return Json.Pretty(await response.Content.ReadAsStringAsync());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task WaitUntilListeningAsync(Process server)
    {
        // The host logs "Application started" once Kestrel listens; read the log instead of polling the port.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = server.StandardError.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        throw new InvalidOperationException($"The server ended before it listened: {await server.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
