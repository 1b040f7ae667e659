using System.Globalization;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Content;
using Site.Domain.Blog;

namespace Site.Blazor.Blog;

/// <summary>One address in a sitemap.</summary>
public sealed record SitemapEntry(string Path, DateOnly? LastModified, string ChangeFrequency, decimal Priority);

/// <summary>
/// A section of the sitemap index (<c>/sitemap-&lt;name&gt;.xml</c>). Features add their own by registering one:
/// albums and photos will, beside the static pages and the blog.
/// </summary>
public interface ISitemapSection
{
    /// <summary>A slug, used in the section's address.</summary>
    string Name { get; }

    Task<IReadOnlyList<SitemapEntry>> EntriesAsync(CancellationToken cancellationToken);
}

/// <summary>Fixed pages: the home page, at the top priority.</summary>
public sealed class StaticPagesSitemap : ISitemapSection
{
    public string Name => "static";

    public Task<IReadOnlyList<SitemapEntry>> EntriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SitemapEntry>>([new SitemapEntry("/", null, "daily", SitemapPriority.StaticPage)]);
}

/// <summary>Published posts (weekly, newer posts higher) and the category listings.</summary>
public sealed class BlogSitemap(BlogReader blog) : ISitemapSection
{
    public string Name => "blog";

    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var posts = await blog.SitemapAsync(cancellationToken);
        var highest = posts.Count == 0 ? 0 : posts.Max(p => p.Number);
        var entries = posts
            .Select(p => new SitemapEntry(p.Address.Path, DateOnly.FromDateTime(p.SyncedAt.UtcDateTime), "weekly", SitemapPriority.ForPost(p.Number, highest)))
            .ToList();
        foreach (var category in await blog.CategoriesAsync(cancellationToken))
        {
            entries.Add(new SitemapEntry($"/b/{category.Slug}/", null, "weekly", SitemapPriority.Listing));
        }

        return entries;
    }
}

/// <summary><c>/sitemap.xml</c> as an index of sections, each split into pages of <see cref="PageSize"/> addresses.</summary>
public static class SitemapEndpoints
{
    public const string IndexPath = "/sitemap.xml";
    public const int PageSize = 1000;
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IServiceCollection AddSitemapSections(this IServiceCollection services)
    {
        services.AddSingleton<ISitemapSection, StaticPagesSitemap>();
        services.AddSingleton<ISitemapSection, BlogSitemap>();
        return services;
    }

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(IndexPath, async (IEnumerable<ISitemapSection> sections, IOptions<SiteIdentityOptions> site, CancellationToken ct) =>
        {
            var pages = new List<string>();
            foreach (var section in sections)
            {
                var count = (await section.EntriesAsync(ct)).Count;
                for (var page = 1; page <= Math.Max(1, (count + PageSize - 1) / PageSize); page++)
                {
                    pages.Add(site.Value.Absolute(SectionPath(section.Name, page)));
                }
            }

            return FeedEndpoints.Xml(xml =>
            {
                xml.WriteStartElement("sitemapindex", Namespace);
                foreach (var page in pages)
                {
                    xml.WriteStartElement("sitemap", Namespace);
                    xml.WriteElementString("loc", Namespace, page);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }, "application/xml; charset=utf-8");
        }).CacheOutput(ReaderCache.Pages);

        endpoints.MapGet("/sitemap-{name}.xml", async (string name, int? p, IEnumerable<ISitemapSection> sections, IOptions<SiteIdentityOptions> site, CancellationToken ct) =>
        {
            var section = sections.FirstOrDefault(s => s.Name == name);
            var page = p ?? 1;
            var entries = section is null ? [] : await section.EntriesAsync(ct);
            if (section is null || page < 1 || (page - 1) * PageSize >= Math.Max(1, entries.Count))
            {
                return Results.NotFound();
            }

            return FeedEndpoints.Xml(xml =>
            {
                xml.WriteStartElement("urlset", Namespace);
                foreach (var entry in entries.Skip((page - 1) * PageSize).Take(PageSize))
                {
                    xml.WriteStartElement("url", Namespace);
                    xml.WriteElementString("loc", Namespace, site.Value.Absolute(entry.Path));
                    if (entry.LastModified is { } modified)
                    {
                        xml.WriteElementString("lastmod", Namespace, modified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }

                    xml.WriteElementString("changefreq", Namespace, entry.ChangeFrequency);
                    xml.WriteElementString("priority", Namespace, entry.Priority.ToString("0.0", CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }, "application/xml; charset=utf-8");
        }).CacheOutput(ReaderCache.Pages);
        return endpoints;
    }

    private static string SectionPath(string name, int page) => page == 1 ? $"/sitemap-{name}.xml" : $"/sitemap-{name}.xml?p={page}";
}

/// <summary>
/// <c>/robots.txt</c>: everyone may read the public site but not the admin or account pages; SEO crawlers that take
/// much and give nothing back are turned away entirely; the sitemap is named.
/// </summary>
public static class RobotsTxt
{
    public static readonly string[] BlockedCrawlers =
    [
        "AhrefsBot", "SemrushBot", "MJ12bot", "DotBot", "BLEXBot", "PetalBot", "DataForSeoBot", "serpstatbot",
        "MegaIndex", "Barkrowler", "SEOkicks", "linkdexbot", "ZoominfoBot",
    ];

    public static IEndpointRouteBuilder MapRobotsTxt(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (IOptions<SiteIdentityOptions> site) =>
        {
            var text = new System.Text.StringBuilder();
            text.Append("User-agent: *\nDisallow: /admin\nDisallow: /account\n\n");
            foreach (var crawler in BlockedCrawlers)
            {
                text.Append("User-agent: ").Append(crawler).Append("\nDisallow: /\n\n");
            }

            text.Append("Sitemap: ").Append(site.Value.Absolute(SitemapEndpoints.IndexPath)).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        }).CacheOutput(ReaderCache.Pages);
        return endpoints;
    }
}
