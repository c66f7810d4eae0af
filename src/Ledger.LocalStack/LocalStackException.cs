namespace Ledger.LocalStack;

/// <summary>The local stack could not start or stop; the message says what to do.</summary>
public sealed class LocalStackException : Exception
{
    public LocalStackException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
