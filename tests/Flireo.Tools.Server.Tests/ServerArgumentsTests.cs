namespace Flireo.Tools.Server.Tests;

public sealed class ServerArgumentsTests
{
    [Fact]
    public void Parse_RepeatedTools_KeepsEveryPathInOrderAndPassesTheRestOn()
    {
        var parsed = ServerArguments.Parse(["--tools", "a.dll", "--urls", "http://0.0.0.0:8080", "--tools=b.csproj", "--Flireo:SyncTimeout=00:00:05"]);

        parsed.Error.Should().BeNull();
        parsed.Tools.Should().Equal("a.dll", "b.csproj");
        parsed.HostArguments.Should().Equal("--urls", "http://0.0.0.0:8080", "--Flireo:SyncTimeout=00:00:05");
    }

    [Theory]
    [InlineData("--tools")]
    [InlineData("--tools=")]
    public void Parse_ToolsWithoutPath_ReportsError(string argument)
    {
        var parsed = ServerArguments.Parse([argument]);

        parsed.Error.Should().Be("--tools needs a path: --tools path/to/MyTools.dll");
    }

    [Fact]
    public void Parse_ToolsFollowedByAnotherSwitch_ReportsError()
    {
        var parsed = ServerArguments.Parse(["--tools", "--urls", "http://localhost:5000"]);

        parsed.Error.Should().NotBeNull();
    }

    [Fact]
    public void Parse_Help_AsksForHelp()
    {
        var parsed = ServerArguments.Parse(["--help"]);

        parsed.ShowHelp.Should().BeTrue();
        parsed.Tools.Should().BeEmpty();
    }
}
