using System.Text.Json;
using System.Text.Json.Serialization;
using Flireo.Examples.Restaurant.Messaging;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Restaurant.Weather;
using Flireo.Tools;
using Flireo.Tools.Async;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Examples.Tests.TestSupport;

/// <summary>
/// The restaurant tools registered exactly as an app registers them, behind the real <see cref="ToolRouter"/>, with
/// a fake clock (Wednesday 4 March 2026, 12:00), an in-memory weather API, a recording SMS sender and work queue.
/// </summary>
internal sealed class RestaurantHost : IDisposable
{
    public static readonly DateOnly Today = new(2026, 3, 4);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly ServiceProvider _provider;
    private int _nextId;

    public RestaurantHost(IDictionary<string, string?>? settings = null)
    {
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Restaurant:Weather:BaseAddress"] = "https://weather.test/" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IToolWorkQueue>(Queue);
        services.AddSingleton<ISmsSender>(Sms);
        services.AddRestaurantServices(configuration);
        services.AddHttpClient<WeatherClient>().ConfigurePrimaryHttpMessageHandler(() => Weather);
        services.AddFlireoTools().AddToolsFromAssemblyOf<ReservationTools>();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));

    public RecordingWorkQueue Queue { get; } = new();

    public RecordingSmsSender Sms { get; } = new();

    public StubHttpHandler Weather { get; } = new();

    public IServiceProvider Services => _provider;

    public ToolRouter Router => _provider.GetRequiredService<ToolRouter>();

    /// <summary>Sends one tool call through the router and returns its outcome.</summary>
    public async Task<ToolCallResult> CallAsync(string tool, object? arguments, string? customerNumber = Webhooks.AnnasNumber)
    {
        var id = "tc-" + Interlocked.Increment(ref _nextId);
        using var message = Webhooks.ToolCall(id, tool, arguments, customerNumber);
        var response = await Router.RouteAsync(message, CancellationToken.None);
        var result = response.Results.Should().ContainSingle().Subject;
        result.ToolCallId.Should().Be(id);
        return result;
    }

    /// <summary>Sends one tool call and reads its successful result as <typeparamref name="T"/>.</summary>
    public async Task<T> CallForAsync<T>(string tool, object? arguments, string? customerNumber = Webhooks.AnnasNumber)
    {
        var result = await CallAsync(tool, arguments, customerNumber);
        result.Error.Should().BeNull();
        return result.Result!.Value.Deserialize<T>(Json)!;
    }

    public void Dispose() => _provider.Dispose();
}
