using System.Text.Json;
using Flireo.Examples.Docs.WritingTools;

namespace Flireo.Examples.Docs.Configuration;

/// <summary>Names parameters in snake_case, as the schema-mapping page shows.</summary>
public static class SnakeCaseParameters
{
    public static IServiceCollection AddSnakeCaseTools(this IServiceCollection services)
    {
        #region snake-case-parameters
        services.AddFlireoTools(options =>
                options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .AddTools<AppointmentTools>();
        #endregion
        return services;
    }
}
