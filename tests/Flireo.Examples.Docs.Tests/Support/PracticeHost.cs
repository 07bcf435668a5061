using System.Net;
using Flireo.Examples.Docs.WritingTools;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Hosts the dental practice's tools of the writing-tools page on Wednesday 4 March 2026, with an insurers' API that is down.</summary>
internal static class PracticeHost
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the host.</summary>
    /// <param name="detailedErrors">The value of <c>Flireo:IncludeDetailedErrors</c>.</param>
    /// <param name="insurers">The insurers' API; <see langword="null"/> for one that refuses every connection.</param>
    public static FlireoTestHost Create(bool detailedErrors = false, Func<HttpMessageHandler>? insurers = null) => FlireoTestHost.Create(
        services =>
        {
            services.AddPracticeTools(new Uri("https://insurers.example/"));
            services.AddHttpClient<InsuranceTools>().ConfigurePrimaryHttpMessageHandler(insurers ?? (() => new UnreachableApi()));
        },
        options =>
        {
            options.StartTime = Now;
            options.Settings["Flireo:IncludeDetailedErrors"] = detailedErrors ? "true" : "false";
        });

    /// <summary>Never answers, until the request is cancelled.</summary>
    public sealed class HangingApi : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Unreachable.");
        }
    }

    /// <summary>Fails every request the way an unreachable server does.</summary>
    private sealed class UnreachableApi : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connection refused ({request.RequestUri!.Host}:443)", statusCode: HttpStatusCode.ServiceUnavailable);
    }
}
