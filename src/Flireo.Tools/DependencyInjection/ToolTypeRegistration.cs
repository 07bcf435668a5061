namespace Flireo.Tools.DependencyInjection;

/// <summary>Records one tool class registered through the builder; the catalog is built from all of them.</summary>
internal sealed record ToolTypeRegistration(Type Type);
