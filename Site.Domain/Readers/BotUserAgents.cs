namespace Site.Domain.Readers;

/// <summary>
/// The rule for telling a program from a person by its User-Agent, for counting readers. It errs towards "bot": a
/// missing or very short agent, the words crawlers use to name themselves, headless and automation browsers, link
/// previewers, monitors, and HTTP libraries. A person never sends any of these.
/// </summary>
public static class BotUserAgents
{
    private static readonly string[] MarkerList =
    [
        "bot", "crawl", "spider", "slurp", "scrape", "fetch", "archiver", "indexer", "preview", "monitor", "uptime",
        "checker", "validator", "headless", "phantomjs", "puppeteer", "playwright", "selenium", "webdriver",
        "lighthouse", "pagespeed", "gtmetrix", "pingdom", "facebookexternalhit", "embedly", "bingpreview", "feedly",
        "feedburner", "curl", "wget", "httpie",
        "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client", "okhttp", "java/", "apache-httpclient",
        "libwww", "lwp::", "node-fetch", "axios", "undici", "got (", "ruby", "php/", "guzzle", "dart:io", "postman",
        "insomnia", "wrk", "apachebench", "ab/", "k6/", "jmeter", "gatling", "locust", "hey/", "bombardier",
        "httpclient", "powershell", "scrapy", "nutch", "heritrix", "ia_archiver", "semrush", "ahrefs", "mj12",
        "dotbot", "petalbot", "yandex", "baidu", "sogou", "bytespider", "gptbot", "chatgpt", "claude", "anthropic",
        "perplexity", "ccbot", "cohere", "diffbot",
    ];

    /// <summary>One vectorised search for all markers: this runs on every post view, so it must cost next to nothing.</summary>
    private static readonly System.Buffers.SearchValues<string> Markers = System.Buffers.SearchValues.Create(MarkerList, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="userAgent"/> is missing or names a program rather than a person's browser.</summary>
    public static bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent) || userAgent.Length < 12)
        {
            return true;
        }

        // Every mainstream browser still starts with "Mozilla/"; tools that do not pretend to be one are not people.
        if (!userAgent.StartsWith("Mozilla/", StringComparison.OrdinalIgnoreCase) && !userAgent.StartsWith("Opera/", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return userAgent.AsSpan().ContainsAny(Markers);
    }
}
