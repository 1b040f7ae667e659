using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Tests.Blog;
using Site.Data.Search;

namespace Site.Blazor.Tests.Search;

/// <summary>The blog fixture with the search index built from the demo content, as the jobs host would build it.</summary>
public sealed class SearchSiteFixture : BlogSiteFixture, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Factory.Services.GetRequiredService<SearchIndexer>().RebuildAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
