namespace Flireo.Examples.Docs.SchemaMapping;

public enum SeatingArea
{
    Indoor,
    Terrace,
}
