namespace Site.Data.Configuration;

/// <summary>Typed settings under one configuration section; <see cref="Validate"/> names each bad setting.</summary>
public interface ISiteOptions
{
    /// <summary>Problems with the values, each a sentence naming the full setting path.</summary>
    IEnumerable<string> Validate(string sectionPath);
}

/// <summary>Settings under <c>Site:Database</c>.</summary>
public sealed class DatabaseOptions : ISiteOptions
{
    public const string Section = "Site:Database";

    /// <summary>An Npgsql connection string; required, there is no embedded database.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending EF Core migrations when a host starts (under an advisory lock).</summary>
    public bool ApplyMigrations { get; set; } = true;

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{sectionPath}:ConnectionString is required (for example Host=127.0.0.1;Port=5432;Database=site;Username=site).";
            yield break;
        }

        string? problem = null;
        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host))
            {
                problem = "it names no Host";
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return $"{sectionPath}:ConnectionString is not a valid PostgreSQL connection string: {problem}";
        }
    }
}

public enum CacheKind
{
    /// <summary>In-process memory: right for a single instance.</summary>
    Memory,

    /// <summary>Redis, shared by every instance.</summary>
    Redis,
}

/// <summary>Settings under <c>Site:Cache</c>.</summary>
public sealed class CacheOptions : ISiteOptions
{
    public const string Section = "Site:Cache";

    public CacheKind Kind { get; set; } = CacheKind.Memory;

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string? Redis { get; set; }

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (Kind == CacheKind.Redis && string.IsNullOrWhiteSpace(Redis))
        {
            yield return $"{sectionPath}:Redis is required when {sectionPath}:Kind is Redis.";
        }
        else if (Kind == CacheKind.Redis)
        {
            string? problem = null;
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(Redis!);
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                yield return $"{sectionPath}:Redis is not a valid Redis configuration string: {problem}";
            }
        }
    }
}

public enum MailKind
{
    /// <summary>Each message written as an .eml file into a folder.</summary>
    Folder,

    /// <summary>Sent to an SMTP server.</summary>
    Smtp,
}

/// <summary>Settings under <c>Site:Mail</c>.</summary>
public sealed class MailOptions : ISiteOptions
{
    public const string Section = "Site:Mail";

    public MailKind Kind { get; set; } = MailKind.Folder;

    public string From { get; set; } = "Site <site@localhost>";

    /// <summary>Where .eml files go when <see cref="Kind"/> is Folder.</summary>
    public string Folder { get; set; } = ".local/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (!Mail.MimeMessageFactory.TryParseAddress(From, out _))
        {
            yield return $"{sectionPath}:From is not a mail address: '{From}' (for example Site <site@example.com>).";
        }

        if (Kind == MailKind.Folder && string.IsNullOrWhiteSpace(Folder))
        {
            yield return $"{sectionPath}:Folder is required when {sectionPath}:Kind is Folder.";
        }

        if (Kind == MailKind.Smtp)
        {
            if (string.IsNullOrWhiteSpace(Smtp.Host))
            {
                yield return $"{sectionPath}:Smtp:Host is required when {sectionPath}:Kind is Smtp.";
            }

            if (Smtp.Port is < 1 or > 65535)
            {
                yield return $"{sectionPath}:Smtp:Port must be between 1 and 65535, not {Smtp.Port}.";
            }
        }
    }
}

/// <summary>Settings under <c>Site:Mail:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
}

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
