using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Content;

namespace Site.Blazor.Blog;

/// <summary>
/// RSS 2.0 at <c>/feed.xml</c> and Atom at <c>/atom.xml</c>: the newest posts with their full text. Links inside the
/// text are made absolute, because feed readers show it away from the site.
/// </summary>
public static class FeedEndpoints
{
    public const string RssPath = "/feed.xml";
    public const string AtomPath = "/atom.xml";
    public const int PostCount = 20;

    public static IEndpointRouteBuilder MapBlogFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(RssPath, async (BlogReader blog, IOptions<SiteIdentityOptions> site, CancellationToken ct) =>
            Xml(WriteRss(await blog.FeedAsync(PostCount, ct), site.Value), "application/rss+xml; charset=utf-8"))
            .CacheOutput(ReaderCache.Pages);
        endpoints.MapGet(AtomPath, async (BlogReader blog, IOptions<SiteIdentityOptions> site, CancellationToken ct) =>
            Xml(WriteAtom(await blog.FeedAsync(PostCount, ct), site.Value), "application/atom+xml; charset=utf-8"))
            .CacheOutput(ReaderCache.Pages);
        return endpoints;
    }

    internal static IResult Xml(Action<XmlWriter> write, string contentType)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = false }))
        {
            write(writer);
        }

        return Results.Bytes(buffer.ToArray(), contentType);
    }

    private static Action<XmlWriter> WriteRss(IReadOnlyList<FeedPost> posts, SiteIdentityOptions site) => xml =>
    {
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", site.Name);
        xml.WriteElementString("link", site.Absolute("/"));
        xml.WriteElementString("description", site.Description);
        xml.WriteElementString("language", site.Language);
        if (posts.Count > 0)
        {
            xml.WriteElementString("lastBuildDate", posts.Max(p => p.SyncedAt).ToString("R", CultureInfo.InvariantCulture));
        }

        xml.WriteStartElement("atom", "link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("href", site.Absolute(RssPath));
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();
        foreach (var post in posts)
        {
            var url = site.Absolute(post.Summary.Address.Path);
            xml.WriteStartElement("item");
            xml.WriteElementString("title", post.Summary.Title);
            xml.WriteElementString("link", url);
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", "true");
            xml.WriteString(url);
            xml.WriteEndElement();
            xml.WriteElementString("pubDate", Published(post).ToString("R", CultureInfo.InvariantCulture));
            xml.WriteElementString("category", post.Summary.CategoryName);
            xml.WriteElementString("description", post.Summary.Description ?? "");
            xml.WriteStartElement("content", "encoded", "http://purl.org/rss/1.0/modules/content/");
            xml.WriteCData(AbsoluteLinks(post.Html, site));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    };

    private static Action<XmlWriter> WriteAtom(IReadOnlyList<FeedPost> posts, SiteIdentityOptions site) => xml =>
    {
        const string ns = "http://www.w3.org/2005/Atom";
        xml.WriteStartElement("feed", ns);
        xml.WriteAttributeString("xml", "lang", null, site.Language);
        xml.WriteElementString("title", ns, site.Name);
        xml.WriteElementString("subtitle", ns, site.Description);
        WriteLink(xml, site.Absolute("/"), "alternate", "text/html");
        WriteLink(xml, site.Absolute(AtomPath), "self", "application/atom+xml");
        xml.WriteElementString("id", ns, site.Absolute("/"));
        xml.WriteElementString("updated", ns, (posts.Count > 0 ? posts.Max(p => p.SyncedAt) : DateTimeOffset.UnixEpoch).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        xml.WriteStartElement("author", ns);
        xml.WriteElementString("name", ns, site.Author);
        xml.WriteEndElement();
        foreach (var post in posts)
        {
            var url = site.Absolute(post.Summary.Address.Path);
            xml.WriteStartElement("entry", ns);
            xml.WriteElementString("title", ns, post.Summary.Title);
            WriteLink(xml, url, "alternate", "text/html");
            xml.WriteElementString("id", ns, url);
            xml.WriteElementString("published", ns, Published(post).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            xml.WriteElementString("updated", ns, post.SyncedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            xml.WriteStartElement("category", ns);
            xml.WriteAttributeString("term", post.Summary.Address.Category);
            xml.WriteAttributeString("label", post.Summary.CategoryName);
            xml.WriteEndElement();
            if (post.Summary.Description is { } description)
            {
                xml.WriteElementString("summary", ns, description);
            }

            xml.WriteStartElement("content", ns);
            xml.WriteAttributeString("type", "html");
            xml.WriteString(AbsoluteLinks(post.Html, site));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    };

    private static void WriteLink(XmlWriter xml, string href, string rel, string type)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static DateTimeOffset Published(FeedPost post) =>
        new(post.Summary.PublishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The sync writes site links as <c>href="/…"</c> and <c>src="/…"</c>; feeds need the full address.</summary>
    private static string AbsoluteLinks(string html, SiteIdentityOptions site) =>
        html.Replace("href=\"/", "href=\"" + site.Origin + "/", StringComparison.Ordinal)
            .Replace("src=\"/", "src=\"" + site.Origin + "/", StringComparison.Ordinal);
}
