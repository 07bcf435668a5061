namespace Flireo.Tools.Cli.Validation;

/// <summary>Defines the codes of the validation rules; they are stable so that builds can filter on them.</summary>
internal static class ValidationRules
{
    /// <summary>The server refuses to start: a startup check of Flireo.Tools failed.</summary>
    public const string StartupProblem = "FLT001";

    /// <summary>The assembly declares no tools.</summary>
    public const string NoTools = "FLT002";

    /// <summary>A tool has no description.</summary>
    public const string MissingToolDescription = "FLT101";

    /// <summary>A parameter the model fills has no description.</summary>
    public const string MissingParameterDescription = "FLT102";

    /// <summary>A tool name is not snake_case.</summary>
    public const string NameNotSnakeCase = "FLT103";

    /// <summary>A parameter accepts any JSON value, so the model gets no schema for it.</summary>
    public const string UntypedParameter = "FLT104";

    /// <summary>A schema uses shapes that strict mode cannot express.</summary>
    public const string NotStrictCompatible = "FLT105";

    /// <summary>A per-tool timeout is not below the webhook deadline, so it has no effect.</summary>
    public const string IneffectiveTimeout = "FLT106";

    /// <summary>A sync tool sets an async response that is never said.</summary>
    public const string UnusedAsyncResponse = "FLT107";
}
