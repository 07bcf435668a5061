using Xunit.Sdk;

namespace Flireo.Tools.Cli.Tests.TestSupport;

public sealed class GoldenFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flireo-golden-").FullName;

    private string GoldenPath => Path.Combine(_directory, "tools.json");

    private string ActualPath => Path.Combine(_directory, "tools.actual.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Verify_MissingGoldenFile_FailsAndWritesTheActualOutput()
    {
        var act = () => GoldenFile.Verify(GoldenPath, "[]\n", update: false);

        act.Should().Throw<XunitException>()
            .WithMessage($"*{GoldenPath} does not exist*{ActualPath}*FLIREO_UPDATE_SNAPSHOTS=1 dotnet test*");
        File.ReadAllText(ActualPath).Should().Be("[]\n");
    }

    [Fact]
    public void Verify_DifferentOutput_FailsNamingTheFirstDifferentLine()
    {
        File.WriteAllText(GoldenPath, "[\n  \"a\",\n  \"b\"\n]\n");

        var act = () => GoldenFile.Verify(GoldenPath, "[\n  \"a\",\n  \"c\"\n]\n", update: false);

        act.Should().Throw<XunitException>().WithMessage("*differs*line 3*expected: \"b\"*actual:   \"c\"*");
        File.Exists(ActualPath).Should().BeTrue();
    }

    [Fact]
    public void Verify_SameOutputWithCrLfCheckout_PassesAndRemovesAStaleActualFile()
    {
        File.WriteAllText(GoldenPath, "[\r\n  \"a\"\r\n]\r\n");
        File.WriteAllText(ActualPath, "stale");

        GoldenFile.Verify(GoldenPath, "[\n  \"a\"\n]\n", update: false);

        File.Exists(ActualPath).Should().BeFalse();
    }

    [Fact]
    public void Verify_Update_RewritesTheGoldenFile()
    {
        File.WriteAllText(GoldenPath, "old");

        GoldenFile.Verify(GoldenPath, "new\n", update: true);

        File.ReadAllText(GoldenPath).Should().Be("new\n");
        File.Exists(ActualPath).Should().BeFalse();
    }
}
