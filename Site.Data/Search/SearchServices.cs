using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Site.Data.Search;

/// <summary>Registers search for either host: the sources of every kind, the indexer and the queries.</summary>
public static class SearchServices
{
    public static IServiceCollection AddSiteSearch(this IServiceCollection services)
    {
        services.AddSearchSource<PostSearchSource>();
        services.AddSearchSource<ProjectSearchSource>();
        services.AddSearchSource<BookSearchSource>();
        services.AddSearchSource<AlbumSearchSource>();
        services.AddSearchSource<PhotoSearchSource>();
        services.TryAddSingleton<SearchIndexer>();
        services.TryAddSingleton<SearchQueries>();
        services.TryAddSingleton<SearchIndexStatus>();
        return services;
    }

    /// <summary>Adds one kind of searchable thing: the indexer reads it on every rebuild and on updates naming its kind.</summary>
    public static IServiceCollection AddSearchSource<TSource>(this IServiceCollection services)
        where TSource : class, ISearchSource
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISearchSource, TSource>());
        return services;
    }
}
