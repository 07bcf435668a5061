namespace Flireo.Examples.Docs.WritingTools;

/// <summary>Registers the dental practice's tools and services, as the writing-tools page shows.</summary>
public static class PracticeRegistration
{
    public static IServiceCollection AddPracticeTools(this IServiceCollection services, Uri insurersApi)
    {
        #region register-tools
        services.AddSingleton<IAppointmentBook, InMemoryAppointmentBook>();
        services.AddSingleton<IPatientRegistry, InMemoryPatientRegistry>();
        services.AddHttpClient<InsuranceTools>(client => client.BaseAddress = insurersApi);

        services.AddFlireoTools()
            .AddTools<AppointmentTools>()
            .AddTools<PatientTools>()
            .AddTools<InsuranceTools>();
        #endregion
        return services;
    }

    /// <summary>Adds the maintenance switch and the filter that reads it, as the writing-tools page shows.</summary>
    public static IServiceCollection AddMaintenanceFilter(this IServiceCollection services)
    {
        #region register-filter
        services.AddSingleton<MaintenanceSwitch>();
        services.AddFlireoTools()
            .AddFilter<MaintenanceFilter>();
        #endregion
        return services;
    }
}
