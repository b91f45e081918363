using System.Text;

namespace Kubeguard.PromAudit.Http;

/// <summary>Reads the auditor's own credentials from files; the values never reach a report or log.</summary>
public static class Credentials
{
    /// <summary>
    /// Builds <see cref="ClientSettings"/> credentials from a bearer-token file (the token, trimmed) or a
    /// basic-auth file (<c>user:password</c> on the first line). Returns an error message instead of throwing.
    /// </summary>
    public static (ClientSettings Settings, string? Error) Apply(ClientSettings settings, string? bearerTokenFile, string? basicAuthFile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (bearerTokenFile is not null && basicAuthFile is not null)
        {
            return (settings, "use either --bearer-token-file or --basic-auth-file, not both");
        }

        if (bearerTokenFile is not null)
        {
            var (text, error) = Read(bearerTokenFile, "--bearer-token-file");
            return text is null ? (settings, error) : (settings with { Authorization = "Bearer " + text }, null);
        }

        if (basicAuthFile is not null)
        {
            var (text, error) = Read(basicAuthFile, "--basic-auth-file");
            if (text is null)
            {
                return (settings, error);
            }

            var firstLine = text.Split('\n')[0].TrimEnd('\r');
            if (!firstLine.Contains(':', StringComparison.Ordinal) || firstLine.StartsWith(':'))
            {
                return (settings, $"--basic-auth-file {basicAuthFile}: the first line must be user:password");
            }

            return (settings with { Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(firstLine)), UsesBasicAuth = true }, null);
        }

        return (settings, null);
    }

    private static (string? Text, string? Error) Read(string path, string option)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? (null, $"{option} {path}: the file is empty") : (text, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{option} {path}: {ex.Message}");
        }
    }
}
