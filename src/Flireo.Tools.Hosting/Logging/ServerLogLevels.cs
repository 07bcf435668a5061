using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Flireo.Tools.Hosting.Logging;

/// <summary>
/// The minimum level and level overrides of a <c>Serilog</c> section that sets nothing else, applied in code: what
/// <c>ReadFrom.Configuration</c> does for these keys, including following a reload of the configuration, without its
/// assembly scan.
/// </summary>
internal sealed class ServerLogLevels
{
    /// <summary>The configuration section Serilog reads.</summary>
    public const string SectionName = "Serilog";

    private const string MinimumLevelKey = "MinimumLevel";
    private const string DefaultKey = "Default";
    private const string OverrideKey = "Override";

    private readonly IConfigurationSection _section;
    private readonly LoggingLevelSwitch _default;
    private readonly Dictionary<string, LoggingLevelSwitch> _overrides;
    private readonly HashSet<string> _configured;

    private ServerLogLevels(IConfigurationSection section, LoggingLevelSwitch @default, Dictionary<string, LoggingLevelSwitch> overrides, HashSet<string> configured)
    {
        _section = section;
        _default = @default;
        _overrides = overrides;
        _configured = configured;
    }

    /// <summary>Reads the levels of a section that holds only <c>MinimumLevel</c>, <c>MinimumLevel:Default</c> and <c>MinimumLevel:Override:*</c> keys.</summary>
    /// <param name="section">The <c>Serilog</c> section.</param>
    /// <param name="defaults">The overrides that apply unless the section sets the same source.</param>
    /// <returns>The levels, or <see langword="null"/> when the section holds anything else or a value that is not a level name (for <c>ReadFrom.Configuration</c>, which also reports a bad value).</returns>
    public static ServerLogLevels? TryRead(IConfigurationSection section, IEnumerable<KeyValuePair<string, LogEventLevel>> defaults)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(defaults);
        var overrides = defaults.ToDictionary(static d => d.Key, static d => new LoggingLevelSwitch(d.Value), StringComparer.Ordinal);
        var configured = new HashSet<string>(StringComparer.Ordinal);
        var level = LogEventLevel.Information;
        foreach (var child in section.GetChildren())
        {
            if (!string.Equals(child.Key, MinimumLevelKey, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!TryReadMinimumLevel(child, ref level, overrides, configured))
            {
                return null;
            }
        }

        return new ServerLogLevels(section, new LoggingLevelSwitch(level), overrides, configured);
    }

    /// <summary>Sets the minimum level and the overrides on a logger configuration, and follows later changes of the configured values.</summary>
    /// <param name="logger">The logger configuration.</param>
    public void Apply(LoggerConfiguration logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        logger.MinimumLevel.ControlledBy(_default);
        foreach (var (source, levelSwitch) in _overrides)
        {
            logger.MinimumLevel.Override(source, levelSwitch);
        }

        if (_section.Exists())
        {
            ChangeToken.OnChange(_section.GetReloadToken, Reload);
        }
    }

    /// <summary>Applies the values the configuration holds now to the switches of the keys that were configured at start, as Serilog.Settings.Configuration does; a value that is not a level keeps the switch as it was.</summary>
    internal void Reload()
    {
        var minimum = _section.GetSection(MinimumLevelKey);
        if (TryParse(minimum.Value ?? minimum[DefaultKey], out var level))
        {
            _default.MinimumLevel = level;
        }

        var overrides = minimum.GetSection(OverrideKey);
        foreach (var source in _configured)
        {
            if (TryParse(overrides[source], out var sourceLevel))
            {
                _overrides[source].MinimumLevel = sourceLevel;
            }
        }
    }

    private static bool TryReadMinimumLevel(IConfigurationSection minimum, ref LogEventLevel level, Dictionary<string, LoggingLevelSwitch> overrides, HashSet<string> configured)
    {
        if (minimum.Value is { } plain)
        {
            // "MinimumLevel": "Debug"
            return TryParse(plain, out level);
        }

        foreach (var part in minimum.GetChildren())
        {
            if (string.Equals(part.Key, DefaultKey, StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParse(part.Value, out level))
                {
                    return false;
                }
            }
            else if (string.Equals(part.Key, OverrideKey, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var source in part.GetChildren())
                {
                    if (source.Value is null || !TryParse(source.Value, out var sourceLevel))
                    {
                        return false;
                    }

                    overrides[source.Key] = new LoggingLevelSwitch(sourceLevel);
                    configured.Add(source.Key);
                }
            }
            else
            {
                // ControlledBy (a level switch) and anything newer: Serilog.Settings.Configuration knows them.
                return false;
            }
        }

        return true;
    }

    // Level names only, as Serilog.Settings.Configuration accepts them (case-insensitive); no numbers, no "$switch" references.
    private static bool TryParse(string? value, out LogEventLevel level)
    {
        level = default;
        return value is not null
            && value.Length > 0
            && char.IsLetter(value[0])
            && Enum.TryParse(value, ignoreCase: true, out level)
            && Enum.IsDefined(level);
    }
}
