namespace Flireo.Tools.DependencyInjection;

/// <summary>Records one tool class registered through the builder; the catalog is built from all of them.</summary>
internal sealed record ToolTypeRegistration(Type Type);

/// <summary>Records the source-generated catalog of a tool assembly registered through the builder.</summary>
internal sealed record GeneratedCatalogRegistration(System.Reflection.Assembly Assembly, Flireo.Tools.SourceGeneration.GeneratedToolCatalog Catalog);
