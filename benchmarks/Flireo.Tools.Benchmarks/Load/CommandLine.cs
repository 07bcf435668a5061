using System.Globalization;

namespace Flireo.Tools.Benchmarks.Load;

/// <summary>Reads <c>--name value</c> pairs; everything after <c>--</c> is kept as a command.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public CommandLine(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                Rest = args[(i + 1)..];
                break;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public string[] Rest { get; } = [];

    public string Text(string name, string? fallback = null)
        => _values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

    public int Number(string name, int fallback) => _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
