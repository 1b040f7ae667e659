namespace Site.Domain.Blog;

/// <summary>What a link or image source in a post points at.</summary>
public enum LinkTarget
{
    /// <summary>Another site (http, https, mailto, or protocol-relative).</summary>
    External,

    /// <summary>A place on the same page (<c>#heading</c>).</summary>
    Fragment,

    /// <summary>Another post, whose existence the sync checks.</summary>
    Post,

    /// <summary>A file shipped with the content (an image under <c>content/images/</c>), whose existence the sync checks.</summary>
    ContentFile,

    /// <summary>Some other page of this site (a tag listing, the feed); not checked.</summary>
    SitePath,

    /// <summary>Refused; <see cref="ResolvedLink.Problem"/> says why.</summary>
    Refused,
}

/// <summary>A link as the reader's browser should see it, and what it points at.</summary>
/// <param name="Href">The address to write into the page (relative file links become site URLs).</param>
/// <param name="ContentPath">For <see cref="LinkTarget.ContentFile"/>: the file's path inside the content folder.</param>
public sealed record ResolvedLink(LinkTarget Target, string Href, PostAddress? Post = null, string? ContentPath = null, string? Problem = null);

/// <summary>
/// The one convention for links inside content. Write a link to another post as its URL, <c>/b/&lt;category&gt;/&lt;slug&gt;/</c>;
/// a relative path to its file (<c>../tech/0012-some-slug.md</c>, as a repository browser follows it) works too and is
/// rewritten to the URL. Images live in <c>content/images/</c> and are linked as <c>/images/name.svg</c> or by a relative
/// path to the file. Only http, https and mailto leave the site; any other scheme (<c>javascript:</c>, <c>data:</c>) is
/// refused, so a post can never carry a script link.
/// </summary>
public static class ContentLinks
{
    public const string ImagesFolder = "images";
    public const string ImagesUrlPrefix = "/images/";
    public const string PostsFolder = "posts";

    /// <summary>Resolves <paramref name="href"/> written in the content file at <paramref name="sourcePath"/> (relative to the content folder, '/'-separated).</summary>
    /// <param name="ownHosts">
    /// The host names of this site (from its public address): an absolute http(s) link to one of them that names a post
    /// is a link to that post, rewritten to its site path, so the graph and the link check see it like a relative one.
    /// </param>
    public static ResolvedLink Resolve(string sourcePath, string? href, IReadOnlyCollection<string>? ownHosts = null)
    {
        var link = (href ?? "").Trim();
        if (link.Length == 0)
        {
            return Refuse(link, "the link has no address.");
        }

        if (link[0] == '#')
        {
            return new(LinkTarget.Fragment, link);
        }

        if (link.StartsWith("//", StringComparison.Ordinal))
        {
            return new(LinkTarget.External, link);
        }

        if (SchemeOf(link) is { } scheme)
        {
            if (scheme is "http" or "https" && ownHosts is { Count: > 0 } && OwnPostLink(link, ownHosts) is { } own)
            {
                return own;
            }

            return scheme is "http" or "https" or "mailto"
                ? new(LinkTarget.External, link)
                : Refuse(link, $"the link '{Shorten(link)}' uses '{scheme}:'; links may only use http, https or mailto.");
        }

        var (path, suffix) = SplitSuffix(link);
        return path.StartsWith('/') ? ResolveSitePath(link, path, suffix) : ResolveRelative(sourcePath, link, path, suffix);
    }

    private static ResolvedLink ResolveSitePath(string link, string path, string suffix)
    {
        if (path.StartsWith("/b/", StringComparison.Ordinal))
        {
            if (PostAddress.TryParsePath(path, out var address))
            {
                return new(LinkTarget.Post, address.Path + suffix, address);
            }

            var rest = path[3..].Trim('/');
            return rest.Length > 0 && !rest.Contains('/') && Slugs.IsValid(rest)
                ? new(LinkTarget.SitePath, link)
                : Refuse(link, $"'{Shorten(link)}' is not a post address; write links to posts as /b/<category>/<slug>/ in lower case.");
        }

        if (path.StartsWith(ImagesUrlPrefix, StringComparison.Ordinal))
        {
            var contentPath = Normalize(path[1..]);
            return contentPath is not null && contentPath.StartsWith(ImagesFolder + "/", StringComparison.Ordinal)
                ? new(LinkTarget.ContentFile, "/" + contentPath + suffix, ContentPath: contentPath)
                : Refuse(link, $"'{Shorten(link)}' leaves the images folder.");
        }

        return new(LinkTarget.SitePath, link);
    }

    private static ResolvedLink ResolveRelative(string sourcePath, string link, string path, string suffix)
    {
        var folder = sourcePath.Contains('/') ? sourcePath[..sourcePath.LastIndexOf('/')] : "";
        var target = Normalize(folder.Length == 0 ? path : folder + "/" + path);
        if (target is null)
        {
            return Refuse(link, $"'{Shorten(link)}' points outside the content folder.");
        }

        if (target.EndsWith(PostFileName.Extension, StringComparison.Ordinal))
        {
            var parts = target.Split('/');
            if (parts.Length != 3 || parts[0] != PostsFolder)
            {
                return Refuse(link, $"'{Shorten(link)}' is a Markdown file outside content/posts/<category>/; only posts can be linked by file.");
            }

            var (_, slug, problem) = PostFileName.Parse(parts[2]);
            if (problem is not null)
            {
                return Refuse(link, $"'{Shorten(link)}' does not name a post file: {problem}");
            }

            var address = new PostAddress(parts[1], slug);
            return new(LinkTarget.Post, address.Path + suffix, address);
        }

        if (target.StartsWith(ImagesFolder + "/", StringComparison.Ordinal))
        {
            return new(LinkTarget.ContentFile, "/" + target + suffix, ContentPath: target);
        }

        return Refuse(link, $"'{Shorten(link)}' is neither a post file nor an image under content/images; link posts as /b/<category>/<slug>/.");
    }

    private static ResolvedLink? OwnPostLink(string link, IReadOnlyCollection<string> ownHosts)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || !ownHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
            || !PostAddress.TryParsePath(uri.AbsolutePath.ToLowerInvariant(), out var address))
        {
            return null;
        }

        return new(LinkTarget.Post, address.Path + uri.Query + uri.Fragment, address);
    }

    /// <summary>The lower-cased scheme when the link starts with one (<c>javascript:</c>), else null.</summary>
    private static string? SchemeOf(string link)
    {
        var colon = link.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var slash = link.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon)
        {
            return null;
        }

        // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so they are not allowed to hide one.
        var scheme = new string(link[..colon].Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        return scheme.Length == 0 ? "(empty)" : scheme;
    }

    private static (string Path, string Suffix) SplitSuffix(string link)
    {
        var cut = link.IndexOfAny(['?', '#']);
        return cut < 0 ? (link, "") : (link[..cut], link[cut..]);
    }

    /// <summary>Resolves '.' and '..' segments; null when the path climbs above the root.</summary>
    private static string? Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in Uri.UnescapeDataString(path).Replace('\\', '/').Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    private static ResolvedLink Refuse(string link, string problem) => new(LinkTarget.Refused, link, Problem: problem);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
