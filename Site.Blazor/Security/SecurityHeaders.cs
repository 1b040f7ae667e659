using Microsoft.Extensions.Options;
using Site.Data.Configuration;

namespace Site.Blazor.Security;

/// <summary>
/// Adds the security headers every response carries. The Content-Security-Policy allows only our own scripts (Blazor
/// Server needs no eval), our own styles plus inline style attributes (MudBlazor sets them), images from here, data:
/// URIs and the media CDN, connections back to this host (the SignalR circuit), and workers from our own script files
/// (the graph's layout), never blob: URLs.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Pages made to be shown in a frame of this site's own pages (the graph inside a post); every other page refuses frames.</summary>
    public const string FramablePrefix = "/graph/embed";

    public static string ContentSecurityPolicy(string? mediaOrigin, bool framableBySelf = false) =>
        string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src 'self' data: blob:{(mediaOrigin is null ? "" : " " + mediaOrigin)}",
            $"media-src 'self'{(mediaOrigin is null ? "" : " " + mediaOrigin)}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            framableBySelf ? "frame-ancestors 'self'" : "frame-ancestors 'none'");

    public static IApplicationBuilder UseSiteSecurityHeaders(this IApplicationBuilder app)
    {
        // Read at the first response, not while the pipeline is built: a bad storage setting must reach the start-up
        // check, which names it and exits cleanly, instead of crashing Program before that check runs.
        var csp = new Lazy<string>(() =>
            ContentSecurityPolicy(MediaOrigin(app.ApplicationServices.GetRequiredService<IOptions<StorageOptions>>().Value)));
        var framableCsp = new Lazy<string>(() =>
            ContentSecurityPolicy(MediaOrigin(app.ApplicationServices.GetRequiredService<IOptions<StorageOptions>>().Value), framableBySelf: true));
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var framable = context.Request.Path.StartsWithSegments(FramablePrefix, StringComparison.OrdinalIgnoreCase);
                headers.ContentSecurityPolicy = framable ? framableCsp.Value : csp.Value;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = framable ? "SAMEORIGIN" : "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>Where media is read from when it is not this host: the CDN, or the S3 endpoint.</summary>
    private static string? MediaOrigin(StorageOptions storage)
    {
        var url = storage.PublicBaseUrl is { Length: > 0 } cdn ? cdn
            : storage.Kind == StorageKind.S3 ? storage.S3.ServiceUrl
            : null;
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
