using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace Flireo.Examples.AzureFunctions.Tests.Support;

/// <summary>A function invocation context as the Functions host would pass it, over the test's services.</summary>
public sealed class TestFunctionContext(IServiceProvider services, string functionName) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId { get; } = functionName;

    public override TraceContext TraceContext { get; } = new NoTrace();

    public override BindingContext BindingContext { get; } = new NoBindings();

    public override RetryContext RetryContext { get; } = new NoRetry();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition { get; } = new Definition(functionName);

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new NoFeatures();

    private sealed class NoTrace : TraceContext
    {
        public override string TraceParent => string.Empty;

        public override string TraceState => string.Empty;
    }

    private sealed class NoBindings : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }

    private sealed class NoRetry : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(FlireoWebhookFunction).Assembly.Location;

        public override string EntryPoint => typeof(FlireoWebhookFunction).FullName + "." + name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class NoFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
