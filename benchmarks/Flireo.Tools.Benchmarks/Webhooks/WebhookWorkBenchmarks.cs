using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Flireo.Tools.Benchmarks.Support;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Benchmarks.Webhooks;

/// <summary>Measures the per-webhook work without a request object: verify, parse, route, invoke, serialize, step by step.</summary>
/// <remarks>
/// The reference is the bare-Kestrel server's code (HMAC, source-generated envelope, hand-written dispatch,
/// source-generated answer); the framework uses its internals (verifier, <see cref="WebhookMessage.TryParse"/>,
/// <see cref="ToolRouter"/>, <see cref="ToolCallsResponse.WriteTo"/>). The steps below show where the time goes.
/// </remarks>
[MemoryDiagnoser]
public class WebhookWorkBenchmarks
{
    private SignedBodies _bodies = null!;
    private ServiceProvider _services = null!;
    private ToolRouter _router = null!;
    private WebhookSignatureVerifier _verifier = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _bodies = SignedBodies.Create();
        _services = FlireoServices.Create();
        _router = _services.GetRequiredService<ToolRouter>();
        _verifier = WebhookSignatureVerifier.Create(_services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch.Size, Description = "Reference: verify+parse+dispatch+serialize")]
    public Task Reference() => Batch.RunSync(this, static self =>
    {
        var (body, signature) = self.Next();
        if (!Benchmarks.Reference.Hmac.Verify(SignedBodies.SecretBytes, self._bodies.Timestamp, signature, body))
        {
            throw new InvalidOperationException("Bad signature.");
        }

        var envelope = JsonSerializer.Deserialize(body, Benchmarks.Reference.AppJson.Default.ToolCallsEnvelope);
        var answer = Benchmarks.Reference.Dispatcher.Run(envelope!.Message!);
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, answer, Benchmarks.Reference.AppJson.Default.ToolCallsResponse);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Framework: verify+parse+route+serialize")]
    public Task Framework() => Batch.RunAsync(this, static async self =>
    {
        var (body, signature) = self.Next();
        if (self._verifier.Verify(self._bodies.Timestamp, signature, body) != SignatureCheck.Valid)
        {
            throw new InvalidOperationException("Bad signature.");
        }

        if (!WebhookMessage.TryParse(body, out var message, out var error))
        {
            throw new InvalidOperationException(error);
        }

        using (message)
        {
            var answer = await self._router.RouteAsync(message, CancellationToken.None);
            var buffer = new ArrayBufferWriter<byte>(256);

            // As the webhook handler writes answers: relaxed escaping.
            using var writer = new Utf8JsonWriter(buffer, WebhookJson.WriterOptions);
            answer.WriteTo(writer);
        }
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Step: reference HMAC")]
    public Task ReferenceVerify() => Batch.RunSync(this, static self =>
    {
        var (body, signature) = self.Next();
        Benchmarks.Reference.Hmac.Verify(SignedBodies.SecretBytes, self._bodies.Timestamp, signature, body);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Step: framework verifier")]
    public Task FrameworkVerify() => Batch.RunSync(this, static self =>
    {
        var (body, signature) = self.Next();
        self._verifier.Verify(self._bodies.Timestamp, signature, body);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Step: reference parse (source-gen envelope)")]
    public Task ReferenceParse() => Batch.RunSync(this, static self =>
    {
        var (body, _) = self.Next();
        JsonSerializer.Deserialize(body, Benchmarks.Reference.AppJson.Default.ToolCallsEnvelope);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Step: framework parse (WebhookMessage)")]
    public Task FrameworkParse() => Batch.RunSync(this, static self =>
    {
        var (body, _) = self.Next();
        if (!WebhookMessage.TryParse(body, out var message, out var error))
        {
            throw new InvalidOperationException(error);
        }

        message.Dispose();
    });

    private (byte[] Body, string Signature) Next()
    {
        var i = Interlocked.Increment(ref _next) & _bodies.Mask;
        return (_bodies.Bodies[i], _bodies.Signatures[i]);
    }
}
