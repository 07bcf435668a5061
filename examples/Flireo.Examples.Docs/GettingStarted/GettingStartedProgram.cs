namespace Flireo.Examples.Docs.GettingStarted;

/// <summary>The Program.cs of the getting-started page, as a method so that a test can run it on a real port.</summary>
public static class GettingStartedProgram
{
    public static void Main(string[] args)
    {
        #region getting-started-program
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddFlireoTools()
            .AddTools<OpeningHoursTools>();

        var app = builder.Build();

        app.MapFlireoWebhooks("/flireo");

        app.Run();
        #endregion
    }
}
