using Flireo.Tools.Hosting.Logging;
using Serilog.Events;

namespace Flireo.Tools.Hosting.Tests.Logging;

public sealed class ServerLoggingTests
{
    [Theory]
    [InlineData(200, 3.0, false, false, LogEventLevel.Debug)]
    [InlineData(202, 3.0, false, false, LogEventLevel.Debug)]
    [InlineData(401, 1.0, false, false, LogEventLevel.Debug)]
    [InlineData(413, 1.0, false, false, LogEventLevel.Debug)]
    [InlineData(200, 2500.0, false, false, LogEventLevel.Warning)]
    [InlineData(500, 1.0, false, false, LogEventLevel.Error)]
    [InlineData(200, 1.0, true, false, LogEventLevel.Error)]
    [InlineData(200, 1.0, false, true, LogEventLevel.Verbose)]
    [InlineData(503, 1.0, false, true, LogEventLevel.Error)]
    public void RequestLevel_DependsOnOutcomeAndTime(int status, double elapsedMs, bool threw, bool healthProbe, LogEventLevel expected)
    {
        var level = ServerLogging.GetRequestLevel(status, elapsedMs, threw ? new InvalidOperationException() : null, healthProbe);

        level.Should().Be(expected);
    }
}
