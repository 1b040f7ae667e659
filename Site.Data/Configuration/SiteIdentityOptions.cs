namespace Site.Data.Configuration;

/// <summary>
/// Settings under <c>Site:Site</c>: who the site is. Pages, feeds, the sitemap and social previews all read these, so
/// the name or address is changed in one place.
/// </summary>
public sealed class SiteIdentityOptions : ISiteOptions
{
    public const string Section = "Site:Site";

    public string Name { get; set; } = "Site";

    /// <summary>The public address readers use; absolute URLs in feeds, the sitemap and social tags start with it.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>One sentence about the site: the default description of pages, the feeds' subtitle.</summary>
    public string Description { get; set; } = "Notes on software, photography, books and the things I make.";

    public string Author { get; set; } = "The site owner";

    /// <summary>Language of the content, as a BCP 47 tag.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The social preview image of pages that have none of their own: a site path or an absolute URL.</summary>
    public string? DefaultImage { get; set; }

    /// <summary>The base address without a trailing slash, for joining with site paths.</summary>
    public string Origin => BaseUrl.TrimEnd('/');

    /// <summary>An absolute URL for a site path (<c>/b/tech/x/</c>); absolute URLs are returned as they are.</summary>
    public string Absolute(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? pathOrUrl
            : Origin + "/" + pathOrUrl.TrimStart('/');

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{sectionPath}:Name is required.";
        }

        if (!(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            yield return $"{sectionPath}:BaseUrl must be an absolute http(s) address without query or fragment, like https://example.org, not '{BaseUrl}'.";
        }

        if (string.IsNullOrWhiteSpace(Language))
        {
            yield return $"{sectionPath}:Language is required (for example en).";
        }

        if (DefaultImage is { Length: > 0 } image && !image.StartsWith('/') && !(Uri.TryCreate(image, UriKind.Absolute, out var imageUri) && imageUri.Scheme is "http" or "https"))
        {
            yield return $"{sectionPath}:DefaultImage must be a site path starting with / or an absolute http(s) address.";
        }
    }
}
