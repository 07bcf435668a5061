using System.Reflection;

namespace Flireo.Tools.Server.Tests.TestSupport;

/// <summary>Locates the repository, the built server and the build configuration the tests were built with.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string ServerAssembly { get; } = Path.Combine(RepositoryRoot, "src", "Flireo.Tools.Server", "bin", Configuration, "net10.0", "Flireo.Tools.Server.dll");

    public static string Dotnet { get; } = FindDotnet();

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

    private static string FindDotnet()
    {
        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            return host;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk) ? fromSdk : "dotnet";
    }
}
