namespace Flireo.TestPlugins.Greetings;

/// <summary>Formats a greeting; registered by <see cref="GreetingsStartup"/> and injected into the tools.</summary>
public interface IGreetingFormatter
{
    string Format(string name);
}
