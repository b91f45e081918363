namespace Kubeguard.Webhook;

/// <summary>The webhook cannot start: a bad option, an unreadable or invalid file.</summary>
public sealed class WebhookStartupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookStartupException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WebhookStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
