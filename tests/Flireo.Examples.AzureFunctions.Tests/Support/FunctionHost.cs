using System.Globalization;
using System.Text;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Tools.Webhooks;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Examples.AzureFunctions.Tests.Support;

/// <summary>The example's services (restaurant tools, Flireo.Tools with a secret) and its function class, invoked the way the worker does.</summary>
public sealed class FunctionHost : IDisposable
{
    public const string Secret = "functions-test-secret";

    private readonly ServiceProvider _services;

    public FunctionHost(Action<Flireo.Tools.FlireoToolsOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging();
        services.AddRestaurantServices();
        services.AddFlireoTools(o =>
        {
            o.WebhookSecret = Secret;
            options?.Invoke(o);
        }).AddToolsFromAssemblyOf<ReservationTools>();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 4, 11, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _services;

    /// <summary>Builds a request to the function, signed with <paramref name="secret"/> (none when <see langword="null"/>).</summary>
    public TestHttpRequestData Request(string json, string path = "/api/flireo", string? secret = Secret, string contentType = "application/json", bool declareLength = true)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = SignedWebhooks.Timestamp(Time.GetUtcNow());
        var headers = new HttpHeadersCollection();
        headers.TryAddWithoutValidation("Content-Type", contentType);
        if (declareLength)
        {
            headers.TryAddWithoutValidation("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
        }

        headers.TryAddWithoutValidation(SignedWebhooks.TimestampHeader, timestamp);
        if (secret is not null)
        {
            headers.TryAddWithoutValidation(SignedWebhooks.SignatureHeader, SignedWebhooks.Signature(secret, timestamp, body));
        }

        var context = new TestFunctionContext(_services, path.Contains("/tools/", StringComparison.Ordinal) ? "flireo-tool" : "flireo");
        return new TestHttpRequestData(context, new Uri("https://restaurant.example" + path), new MemoryStream(body, writable: false), headers);
    }

    /// <summary>Creates the function class the way the worker does, with its constructor services.</summary>
    public FlireoWebhookFunction Function() => ActivatorUtilities.CreateInstance<FlireoWebhookFunction>(_services);

    public async Task<TestHttpResponseData> PostAsync(TestHttpRequestData request) => (TestHttpResponseData)await Function().WebhookAsync(request, CancellationToken.None);

    public FlireoWebhookHandler Handler() => _services.GetRequiredService<FlireoWebhookHandler>();

    public void Dispose() => _services.Dispose();
}
