namespace Flireo.Examples.Aot.Tests;

/// <summary>The publish log is read honestly: the warnings the zero-warning test counts are found where the tools print them.</summary>
public sealed class PublishedSampleTests
{
    [Fact]
    public void ParseWarnings_PublishLog_FindsCompilerAndNativeCompilerWarnings()
    {
        const string Log = """
              Determining projects to restore...
            /src/Program.cs(9,6): warning IL2026: Using member 'AddToolsFromAssemblyOf<T>()' which has 'RequiresUnreferencedCodeAttribute'. [/src/App.csproj]
            ILC : Trim analysis warning IL2104: Assembly 'Some' produced trim warnings. [/src/App.csproj]
            /src/Program.cs(9,6): warning IL3050: Using member 'AddToolsFromAssemblyOf<T>()' which has 'RequiresDynamicCodeAttribute'.
            /src/Program.cs(3,1): warning CS8019: Unnecessary using directive.
              Generating native code
            """;

        var warnings = PublishedSample.ParseWarnings(Log);

        warnings.Should().Equal(
            "IL2026: Using member 'AddToolsFromAssemblyOf<T>()' which has 'RequiresUnreferencedCodeAttribute'.",
            "IL2104: Assembly 'Some' produced trim warnings.",
            "IL3050: Using member 'AddToolsFromAssemblyOf<T>()' which has 'RequiresDynamicCodeAttribute'.");
    }
}
