using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Hosting;

namespace Site.Data.Tests.Configuration;

/// <summary>The blog's settings (Site:Site, Site:Content) stop the host with a message naming the bad one.</summary>
public class BlogOptions_Validation
{
    [Theory]
    [InlineData("example.org")]
    [InlineData("ftp://example.org")]
    [InlineData("https://example.org/?x=1")]
    public void ABaseUrlThatIsNotAnAbsoluteWebAddress_IsNamed(string baseUrl) =>
        Assert.Contains("Site:Site:BaseUrl must be an absolute http(s) address",
            Failure<SiteIdentityOptions>(SiteIdentityOptions.Section, ("Site:Site:BaseUrl", baseUrl)));

    [Fact]
    public void ADefaultImageThatIsNeitherAPathNorAUrl_IsNamed() =>
        Assert.Contains("Site:Site:DefaultImage must be a site path",
            Failure<SiteIdentityOptions>(SiteIdentityOptions.Section, ("Site:Site:DefaultImage", "images/card.png")));

    [Fact]
    public void SiteSettingsMakeAbsoluteAddresses()
    {
        var site = Resolve<SiteIdentityOptions>(SiteIdentityOptions.Section, ("Site:Site:BaseUrl", "https://example.org/"), ("Site:Site:Name", "Notes"));

        Assert.Equal("Notes", site.Name);
        Assert.Equal("https://example.org/b/tech/x/", site.Absolute("/b/tech/x/"));
        Assert.Equal("https://cdn.example.org/a.png", site.Absolute("https://cdn.example.org/a.png"));
    }

    [Theory]
    [InlineData("https://git.example.org/me/site/commits/main", "must contain {path}")]
    [InlineData("not a url {path}", "must be an absolute http(s) address")]
    public void AHistoryTemplateWithoutPathOrAddress_IsNamed(string template, string reason)
    {
        var message = Failure<ContentOptions>(ContentOptions.Section, ("Site:Content:HistoryUrlTemplate", template));

        Assert.Contains("Site:Content:HistoryUrlTemplate", message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void TheHistoryLinkNamesTheFileInTheRepository()
    {
        var content = Resolve<ContentOptions>(ContentOptions.Section, ("Site:Content:HistoryUrlTemplate", "https://git.example.org/me/site/commits/main/{path}"));

        Assert.Equal("https://git.example.org/me/site/commits/main/content/posts/tech/0001-a.md", content.HistoryUrl("posts/tech/0001-a.md"));
        Assert.Null(new ContentOptions().HistoryUrl("posts/tech/0001-a.md"));
    }

    [Fact]
    public void AnUnknownContentSetting_IsNamed() =>
        Assert.Contains("Site:Content:Pth is not a known setting",
            Failure<ContentOptions>(ContentOptions.Section, ("Site:Content:Pth", "content")));

    private static string Failure<T>(string section, params (string Key, string Value)[] settings)
        where T : class, ISiteOptions
    {
        var ex = Assert.ThrowsAny<Exception>(() => Resolve<T>(section, settings));
        return SiteHostRunner.DescribeStartupFailure(ex) ?? throw new Xunit.Sdk.XunitException($"Not a start-up failure: {ex}");
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
