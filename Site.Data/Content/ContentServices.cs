using Microsoft.Extensions.DependencyInjection;
using Site.Data.Configuration;

namespace Site.Data.Content;

/// <summary>Registers the blog's content services for either host.</summary>
public static class ContentServices
{
    public static IServiceCollection AddSiteContent(this IServiceCollection services)
    {
        services.AddSiteOptions<ContentOptions>(ContentOptions.Section);
        services.AddSiteOptions<SiteIdentityOptions>(SiteIdentityOptions.Section);
        services.AddSingleton<ContentSync>();
        services.AddSingleton<BlogReader>();
        services.AddSingleton<PostReadWriter>();
        services.AddSingleton<Comments.CommentBoard>();
        services.AddSingleton<Graph.KnowledgeGraphSource>();
        services.AddSingleton<Graph.GraphScreenshotter>();
        services.AddSingleton<Graph.GraphScreenshotQuery>();
        return services;
    }
}
