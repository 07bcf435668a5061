using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flireo.Tools.Invocation;

namespace Flireo.Tools.Webhooks;

/// <summary>Binds the structured analysis of an end-of-call report to the type an <see cref="IEndOfCallReportHandler{TData}"/> declares.</summary>
internal static class EndOfCallAnalysis
{
    private static readonly JsonSerializerOptions DefaultOptions = ToolJson.CreateDefaultOptions();

    /// <summary>Binds the report's analysis: <c>analysis.structured_data</c> when present, else <c>analysis</c>.</summary>
    /// <exception cref="InvalidOperationException">The analysis does not match <typeparamref name="TData"/>; the message names the call and the type.</exception>
    public static TData? Bind<TData>(EndOfCallReport report)
    {
        if (report.Analysis is not { } analysis)
        {
            return default;
        }

        var data = analysis;
        if (analysis.ValueKind == JsonValueKind.Object
            && (analysis.TryGetProperty("structured_data", out var structured) || analysis.TryGetProperty("structuredData", out structured))
            && structured.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
        {
            data = structured;
        }

        if (data.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        try
        {
            // Through the options' resolver: reflection where the app allows reflection-based JSON, else the contexts the
            // app added for TData (docs/native-aot.md).
            var options = ToolJson.ReadOnly(report.DataSerializerOptions ?? DefaultOptions);
            return data.Deserialize((JsonTypeInfo<TData>)options.GetTypeInfo(typeof(TData)));
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The analysis of call {report.Call.Id} does not match {typeof(TData).Name}: {ex.Message}", ex);
        }
    }
}
