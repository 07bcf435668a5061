namespace Flireo.Examples.Docs.Configuration;

/// <summary>Sets Flireo.Tools options in code, as the configuration page shows.</summary>
public static class OptionsInCode
{
    public static WebApplicationBuilder AddToolsWithOptions(this WebApplicationBuilder builder)
    {
        #region options-in-code
        builder.Services.AddFlireoTools(options =>
            {
                options.SyncTimeout = TimeSpan.FromSeconds(8);
                options.AsyncTools.MaxRetries = 5;
                options.IncludeDetailedErrors = builder.Environment.IsDevelopment();
            })
            .AddTools<OpeningHoursTools>();
        #endregion
        return builder;
    }
}
