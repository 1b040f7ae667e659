using Site.Data.Configuration;

namespace Site.Data.Graph;

/// <summary>
/// Settings under <c>Site:Graph</c>: how the jobs host photographs the knowledge graph. It needs the web site's
/// address because the picture is the real <c>/graph</c> page, drawn by the same code readers get.
/// </summary>
public sealed class GraphScreenshotOptions : ISiteOptions
{
    public const string Section = "Site:Graph";

    /// <summary>Where the jobs host reaches the web site (often an internal address, e.g. http://srv-captain--site).</summary>
    public string WebBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The Chromium to run; never a downloaded one.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>The most one screenshot may take, browser start included; the browser is closed when it passes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the page lets the layout run before the picture is taken, in milliseconds.</summary>
    public int LayoutMilliseconds { get; set; } = 4000;

    public IEnumerable<string> Validate(string sectionPath)
    {
        if (!(Uri.TryCreate(WebBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return $"{sectionPath}:WebBaseUrl must be an absolute http(s) address of the web site, like http://127.0.0.1:5080, not '{WebBaseUrl}'.";
        }

        if (string.IsNullOrWhiteSpace(ChromiumPath))
        {
            yield return $"{sectionPath}:ChromiumPath is required (usually /usr/bin/chromium).";
        }

        if (Timeout < TimeSpan.FromSeconds(10) || Timeout > TimeSpan.FromMinutes(10))
        {
            yield return $"{sectionPath}:Timeout must be between 00:00:10 and 00:10:00.";
        }

        if (LayoutMilliseconds is < 500 or > 60_000)
        {
            yield return $"{sectionPath}:LayoutMilliseconds must be between 500 and 60000.";
        }
    }
}
