namespace Flireo.Examples.Docs.Deploying;

/// <summary>Registers the end-of-call handler whose type push turns into the analysis plan.</summary>
public static class DeployingProgram
{
    public static void Register(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        #region deploying-register-handler
        builder.Services.AddFlireoTools()
            .AddEndOfCallReportHandler<CallOutcomeHandler>();
        #endregion
    }
}
