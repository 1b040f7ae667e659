using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Persistence;
using Site.Data.Search;
using Site.Domain.Search;
using Site.TestSupport;

namespace Site.Data.Tests.Search;

/// <summary>A source whose documents the test sets, so ranking cases say exactly what is indexed.</summary>
public sealed class FixedSearchSource(SearchKind kind) : ISearchSource
{
    public List<SearchDocumentInput> Documents { get; } = [];

    public SearchKind Kind => kind;

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(
        SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var document in Documents.Where(d => sourceIds is null || sourceIds.Contains(d.SourceId)))
        {
            yield return document;
        }
    }
}

/// <summary>A migrated database with one fixed source per kind, the real indexer and the real queries.</summary>
public sealed class SearchTestIndex : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public Dictionary<SearchKind, FixedSearchSource> Sources { get; } = SearchKind.All.ToDictionary(k => k, k => new FixedSearchSource(k));

    public SearchIndexer Indexer { get; private set; } = null!;

    public SearchQueries Queries { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var factory = Database.CreateContextFactory();
        Indexer = new SearchIndexer(factory, Sources.Values, TimeProvider.System, NullLogger<SearchIndexer>.Instance);
        Queries = new SearchQueries(factory);
    }

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();

    private int _next;

    public SearchDocumentInput Add(SearchKind kind, string title, string? description = null, string body = "", bool isPrivate = false, string? category = null)
    {
        var id = (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var document = new SearchDocumentInput(id, title, description, body, category ?? (kind == SearchKind.Post ? "tech" : null),
            $"/{kind.Name}/{id}/", isPrivate, DateTimeOffset.UnixEpoch.AddDays(_next));
        Sources[kind].Documents.Add(document);
        return document;
    }

    public Task<SearchIndexResult> RebuildAsync() => Indexer.RebuildAsync();

    public async Task<IReadOnlyList<string>> TitlesAsync(string query, bool includePrivate = false, SearchKind? kind = null)
    {
        var results = await Queries.SearchAsync(new SearchRequest(query, kind, IncludePrivate: includePrivate));
        return [.. results.Hits.Select(h => h.Title)];
    }
}
