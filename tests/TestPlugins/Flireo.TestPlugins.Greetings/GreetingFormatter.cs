namespace Flireo.TestPlugins.Greetings;

internal sealed class GreetingFormatter(string salutation) : IGreetingFormatter
{
    public string Format(string name) => $"{salutation}, {name}";
}
