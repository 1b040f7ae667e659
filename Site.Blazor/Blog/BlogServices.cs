using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Site.Blazor.Comments;
using Site.Blazor.Graph;
using Site.Data.Configuration;

namespace Site.Blazor.Blog;

/// <summary>Wires the blog into the web host: caching, read counting, content sync and the images of the content folder.</summary>
public static class BlogServices
{
    /// <summary>Call after AddRazorComponents: the reader pages wrap its antiforgery service.</summary>
    public static IServiceCollection AddSiteBlog(this IServiceCollection services)
    {
        ReaderPageAntiforgery.Decorate(services);
        services.AddReaderCache();
        services.AddSingleton<PostReadQueue>();
        services.AddSingleton<DailySalt>();
        services.AddHostedService<ContentSyncAtStart>();
        services.AddHostedService<ContentChangeListener>();
        services.AddHostedService<PostReadFlusher>();
        services.AddSitemapSections();
        services.AddSingleton<Site.Data.Graph.KnowledgeGraphCache>();
        services.AddSingleton<LatestGraphScreenshot>();
        return services;
    }

    /// <summary>The blog's addresses besides its pages: feeds, the posts API, the sitemap and robots.txt.</summary>
    public static IEndpointRouteBuilder MapSiteBlog(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapBlogFeeds();
        endpoints.MapPostsApi();
        endpoints.MapSitemap();
        endpoints.MapRobotsTxt();
        endpoints.MapCommentEndpoints();
        endpoints.MapKnowledgeGraphApi();
        endpoints.MapGraphScreenshot();
        return endpoints;
    }

    /// <summary>
    /// Serves <c>content/images/</c> at <c>/images/</c>. Their names are not fingerprinted, so browsers keep them a day
    /// and then check back, rather than forever.
    /// </summary>
    public static IApplicationBuilder UseContentImages(this IApplicationBuilder app)
    {
        var environment = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>();
        var folder = Path.Combine(app.ApplicationServices.GetRequiredService<IOptions<ContentOptions>>().Value.FullPath(environment.ContentRootPath), Domain.Blog.ContentLinks.ImagesFolder);
        if (!Directory.Exists(folder))
        {
            return app;
        }

        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            RequestPath = Domain.Blog.ContentLinks.ImagesUrlPrefix.TrimEnd('/'),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
    }
}
