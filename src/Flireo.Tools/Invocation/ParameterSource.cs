namespace Flireo.Tools.Invocation;

/// <summary>Specifies where the value of a tool method parameter comes from.</summary>
internal enum ParameterSource
{
    Model,
    CancellationToken,
    Context,
    ServiceProvider,
    Service,
    KeyedService,
}
