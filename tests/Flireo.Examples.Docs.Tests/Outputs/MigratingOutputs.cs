using System.Globalization;
using System.Text.Json;
using Flireo.Examples.Docs.Migrating;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Examples.Docs.WritingTools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/migrating.md shows: the hand-written endpoint and the migrated one, sent the same webhooks.</summary>
internal static class MigratingOutputs
{
    private const string Secret = "migration-secret";

    private static readonly string[] Args = ["--environment", "Production", "--Flireo:WebhookSecret", Secret, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "None"];

    [DocOutput("migrating-comparison")]
    public static async Task<string> Comparison()
    {
        var builder = WebApplication.CreateBuilder(Args);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAppointmentBook, InMemoryAppointmentBook>();
        await using var before = builder.Build().MapHandWrittenWebhook();
        await using var after = MigratedWebhook.Create(Args);
        await before.StartAsync();
        await after.StartAsync();
        using var beforeClient = new HttpClient { BaseAddress = AddressOf(before) };
        using var afterClient = new HttpClient { BaseAddress = AddressOf(after) };
        var table = new MarkdownTable("The webhook", "Hand-written endpoint", "Flireo.Tools");

        async Task Row(string what, string json, TimeSpan age = default)
        {
            table.Add(what, await SendAsync(beforeClient, json, age), await SendAsync(afterClient, json, age));
        }

        await Row("A valid call", Call("""{"date":"{Day}","time":"14:30","kind":"Cleaning","patient_name":"Sanne de Boer"}""", "14:30"));
        await Row("A date the model did not format (`next Tuesday`)", Call("""{"date":"next Tuesday","time":"14:30","kind":"Cleaning","patient_name":"Sanne de Boer"}""", "14:31"));
        await Row("`patientName` instead of `patient_name`", Call("""{"date":"{Day}","time":"15:30","kind":"Cleaning","patientName":"Sanne de Boer"}""", "15:30"));
        await Row("The arguments as a JSON string", Call("""{"date":"{Day}","time":"16:30","kind":"Cleaning","patient_name":"Sanne de Boer"}""", "16:30", asString: true));
        await Row("A camelCase webhook (`toolCallList`)", Call("""{"date":"{Day}","time":"17:30","kind":"Cleaning","patient_name":"Sanne de Boer"}""", "17:30").Replace("tool_call_list", "toolCallList", StringComparison.Ordinal));
        await Row("A valid webhook recorded an hour ago, sent again", Call("""{"date":"{Day}","time":"10:00","kind":"Cleaning","patient_name":"Sanne de Boer"}""", "10:00"), TimeSpan.FromHours(1));
        await before.StopAsync();
        await after.StopAsync();
        return table.ToString();
    }

    private static string Call(string arguments, string id, bool asString = false)
    {
        // Both endpoints run on the real clock: book a week ahead.
        arguments = arguments.Replace("{Day}", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var args = asString ? JsonSerializer.Serialize(arguments) : arguments;
        return $$$"""{"message":{"type":"tool-calls","call":{"id":"call-{{{id}}}"},"customer":{"number":"+31612345678"},"tool_call_list":[{"id":"tool-{{{id}}}","type":"function","function":{"name":"book_appointment","arguments":{{{args}}}}}]}}""";
    }

    private static async Task<string> SendAsync(HttpClient client, string json, TimeSpan age)
    {
        using var request = SignedWebhooks.Post("/webhooks/flireo", json, Secret, DateTimeOffset.UtcNow - age);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (text.Length == 0 || !response.IsSuccessStatusCode)
        {
            return status;
        }

        using var answer = JsonDocument.Parse(text);
        var result = answer.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("error", out var error) ? $"{status}, error: {error.GetString()}" : $"{status}, booked";
    }

    private static Uri AddressOf(WebApplication app) => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
