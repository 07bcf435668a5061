namespace Flireo.Tools.Cli.Validation;

/// <summary>Defines the codes of the validation rules; they are stable so that builds can filter on them.</summary>
internal static class ValidationRules
{
    /// <summary>The server refuses to start: a startup check of Flireo.Tools failed.</summary>
    public const string StartupProblem = "FLT001";

    /// <summary>The assembly declares no tools.</summary>
    public const string NoTools = "FLT002";

    /// <summary>A tool has no description, which the platform's tool definition requires.</summary>
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

    /// <summary>A sync tool may run over 3 s and has no Message, so the caller hears silence (dead air) while it runs.</summary>
    public const string DeadAir = "FLT107";

    /// <summary>A tool announces its result or hands off, which sends Call Control commands, and no Flireo:Api:Key is set.</summary>
    public const string MissingApiKey = "FLT108";

    /// <summary>Gets how serious a finding of a rule is: FLT0xx and <see cref="MissingToolDescription"/> are errors, the rest warnings.</summary>
    /// <param name="code">A rule code of this class.</param>
    /// <returns>The severity every finding of that rule has.</returns>
    public static FindingSeverity SeverityOf(string code)
        => code.StartsWith("FLT0", StringComparison.Ordinal) || code == MissingToolDescription ? FindingSeverity.Error : FindingSeverity.Warning;
}
