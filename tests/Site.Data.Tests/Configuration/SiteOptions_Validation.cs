using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Hosting;

namespace Site.Data.Tests.Configuration;

/// <summary>A bad setting must stop the host with a message that names it, so the operator knows what to fix.</summary>
public class SiteOptions_Validation
{
    [Theory]
    [InlineData("this is not a connection string")]
    [InlineData("Host=127.0.0.1;Port=not-a-port;Database=site")]
    [InlineData("Hots=127.0.0.1;Database=site")]
    [InlineData("Database=site;Username=site")]
    public void AMalformedConnectionString_IsNamed(string connectionString)
    {
        var message = Failure<DatabaseOptions>(DatabaseOptions.Section, ("Site:Database:ConnectionString", connectionString));

        Assert.Contains("Site:Database:ConnectionString is not a valid PostgreSQL connection string", message);
    }

    [Fact]
    public void AMissingConnectionString_IsNamed()
    {
        var message = Failure<DatabaseOptions>(DatabaseOptions.Section);

        Assert.Contains("Site:Database:ConnectionString is required", message);
    }

    [Fact]
    public void AValidConnectionString_IsAccepted()
    {
        var options = Resolve<DatabaseOptions>(DatabaseOptions.Section,
            ("Site:Database:ConnectionString", "Host=127.0.0.1;Port=5432;Database=site;Username=site"), ("Site:Database:ApplyMigrations", "false"));

        Assert.False(options.ApplyMigrations);
    }

    [Theory]
    [InlineData("Site:Storage:Kindd", "S3")]
    [InlineData("Site:Storage:S3:Buckett", "media")]
    [InlineData("Site:Storage:LocalPath:Extra", "x")]
    public void AnUnknownKey_IsNamed(string key, string value)
    {
        var message = Failure<StorageOptions>(StorageOptions.Section, (key, value));

        Assert.Contains($"{key} is not a known setting", message);
    }

    [Theory]
    [InlineData("Site:Storage:Kind", "Ftp", "Site:Storage:Kind must be one of Local, S3, not 'Ftp'.")]
    [InlineData("Site:Storage:Kind", "7", "Site:Storage:Kind must be one of Local, S3, not '7'.")]
    [InlineData("Site:Mail:Smtp:Security", "Tls", "Site:Mail:Smtp:Security must be one of Auto, None, StartTls, SslOnConnect, not 'Tls'.")]
    public void AnUnknownChoice_IsNamedWithTheChoicesThereAre(string key, string value, string expected)
    {
        var message = key.StartsWith("Site:Mail", StringComparison.Ordinal)
            ? Failure<MailOptions>(MailOptions.Section, (key, value))
            : Failure<StorageOptions>(StorageOptions.Section, (key, value));

        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("1")]
    public void AChoiceInAnyCaseOrByNumber_IsAcceptedAsTheBinderTakesIt(string value)
    {
        var options = Resolve<StorageOptions>(StorageOptions.Section,
            ("Site:Storage:Kind", value), ("Site:Storage:S3:ServiceUrl", "http://127.0.0.1:9000"), ("Site:Storage:S3:Bucket", "media"),
            ("Site:Storage:S3:AccessKey", "key"), ("Site:Storage:S3:SecretKey", "secret"));

        Assert.Equal(StorageKind.S3, options.Kind);
    }

    [Fact]
    public void ANumberThatIsNotANumber_IsNamed()
    {
        var message = Failure<MailOptions>(MailOptions.Section, ("Site:Mail:Smtp:Port", "smtp"));

        Assert.Contains("'smtp' at 'Site:Mail:Smtp:Port'", message);
    }

    [Fact]
    public void S3WithoutABucket_IsNamed()
    {
        var message = Failure<StorageOptions>(StorageOptions.Section,
            ("Site:Storage:Kind", "S3"), ("Site:Storage:S3:ServiceUrl", "http://127.0.0.1:9000"),
            ("Site:Storage:S3:AccessKey", "key"), ("Site:Storage:S3:SecretKey", "secret"));

        Assert.Contains("Site:Storage:S3:Bucket is required", message);
    }

    [Fact]
    public void RedisWithoutAConfigurationString_IsNamed()
    {
        var message = Failure<CacheOptions>(CacheOptions.Section, ("Site:Cache:Kind", "Redis"));

        Assert.Contains("Site:Cache:Redis is required", message);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("site")]
    [InlineData("Site <site@>")]
    public void ABadMailFrom_IsNamed(string from)
    {
        var message = Failure<MailOptions>(MailOptions.Section, ("Site:Mail:From", from));

        Assert.Contains($"Site:Mail:From is not a mail address: '{from}'", message);
    }

    [Fact]
    public void SmtpWithoutAHost_IsNamed()
    {
        var message = Failure<MailOptions>(MailOptions.Section, ("Site:Mail:Kind", "Smtp"), ("Site:Mail:Smtp:Port", "25"));

        Assert.Contains("Site:Mail:Smtp:Host is required", message);
    }

    [Fact]
    public void WithoutSettings_StorageCacheAndMailUseTheirDefaults()
    {
        Assert.Equal(StorageKind.Local, Resolve<StorageOptions>(StorageOptions.Section).Kind);
        Assert.Equal(CacheKind.Memory, Resolve<CacheOptions>(CacheOptions.Section).Kind);
        Assert.Equal(MailKind.Folder, Resolve<MailOptions>(MailOptions.Section).Kind);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var message = Failure<StorageOptions>(StorageOptions.Section,
            ("Site:Storage:Kind", "S3"), ("Site:Storage:Kindd", "x"), ("Site:Storage:SigningKey", "short"));

        Assert.Contains("Site:Storage:Kindd is not a known setting", message);
        Assert.Contains("Site:Storage:SigningKey must be at least 32 characters", message);
        Assert.Contains("Site:Storage:S3:Bucket is required", message);
    }

    /// <summary>The sentence the host prints when it refuses to start with these settings.</summary>
    private static string Failure<T>(string section, params (string Key, string Value)[] settings)
        where T : class, ISiteOptions
    {
        var ex = Assert.ThrowsAny<Exception>(() => Resolve<T>(section, settings));
        Assert.True(ex is OptionsValidationException or InvalidOperationException, $"Unexpected {ex.GetType().Name}: {ex.Message}");
        var described = SiteHostRunner.DescribeStartupFailure(ex);
        Assert.NotNull(described);
        return described;
    }

    private static T Resolve<T>(string section, params (string Key, string Value)[] settings)
        where T : class, ISiteOptions
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSiteOptions<T>(section);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
