namespace Flireo.Tools.Cli;

/// <summary>Represents an expected failure of a command, reported as one line on standard error with its exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this("The command failed.")
    {
    }

    public CliException(string message)
        : this(message, ExitCodes.Failure)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
    }

    public CliException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Gets the process exit code: <see cref="ExitCodes.Failure"/> or <see cref="ExitCodes.Usage"/>.</summary>
    public int ExitCode { get; }

    /// <summary>Creates an exception for a wrong command line (exit code 2).</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <returns>The exception.</returns>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
