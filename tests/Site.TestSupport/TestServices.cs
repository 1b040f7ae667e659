namespace Site.TestSupport;

/// <summary>
/// Addresses of the real servers that the test command started (scripts/test-services.sh writes them to
/// .test-services/env). A test that needs one fails with a clear message when the servers are not running.
/// </summary>
public static class TestServices
{
    public static string PostgresAdmin => Require("SITE_TEST_PG");

    public static string Redis => Require("SITE_TEST_REDIS");

    public static string S3Url => Require("SITE_TEST_S3_URL");

    public static string S3AccessKey => Require("SITE_TEST_S3_ACCESS_KEY");

    public static string S3SecretKey => Require("SITE_TEST_S3_SECRET_KEY");

    public static int SmtpPort => int.Parse(Require("SITE_TEST_SMTP_PORT"));

    public static string SmtpApi => Require("SITE_TEST_SMTP_API");

    /// <summary>The repository root, found from the test assembly's folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Site.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Site.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Require(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            // Outside ./test, fall back to the servers a previous ./test run left described.
            var envFile = Path.Combine(RepositoryRoot, ".test-services", "env");
            if (File.Exists(envFile))
            {
                foreach (var line in File.ReadAllLines(envFile))
                {
                    var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
                    var eq = text.IndexOf('=');
                    if (eq > 0 && text[..eq] == name)
                    {
                        return text[(eq + 1)..].Trim('"');
                    }
                }
            }

            throw new InvalidOperationException(
                $"{name} is not set: integration tests need the servers started by ./test (scripts/test-services.sh start).");
        }

        return value;
    }
}
