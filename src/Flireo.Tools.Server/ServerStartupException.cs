namespace Flireo.Tools.Server;

/// <summary>Stops the server before it takes traffic; the message is one line that says what is wrong and how to fix it.</summary>
internal sealed class ServerStartupException : Exception
{
    public ServerStartupException()
    {
    }

    public ServerStartupException(string message)
        : base(message)
    {
    }

    public ServerStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
