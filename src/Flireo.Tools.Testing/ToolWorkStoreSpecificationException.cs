namespace Flireo.Tools.Testing;

/// <summary>Represents the failure of a <see cref="ToolWorkStoreSpecification"/> check: the store broke the contract of <see cref="Flireo.Tools.Async.IToolWorkLeaseStore"/>.</summary>
/// <remarks>The message says what the store did and what the contract asks.</remarks>
public sealed class ToolWorkStoreSpecificationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ToolWorkStoreSpecificationException"/> class.</summary>
    public ToolWorkStoreSpecificationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolWorkStoreSpecificationException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ToolWorkStoreSpecificationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolWorkStoreSpecificationException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToolWorkStoreSpecificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
