using Site.Data.Persistence;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>
/// Where the documents of one kind come from. Each kind is one class registered with
/// <see cref="SearchServices.AddSearchSource{T}"/>; the indexer asks every registered source on a full rebuild and
/// the matching one when a change names its kind. Albums join by adding one more source.
/// </summary>
public interface ISearchSource
{
    SearchKind Kind { get; }

    /// <summary>
    /// The kind's documents as they should be indexed now: all of them when <paramref name="sourceIds"/> is null,
    /// otherwise those of the named rows that still exist (a named row that is not returned is removed from the index).
    /// </summary>
    IAsyncEnumerable<SearchDocumentInput> ReadAsync(SiteDbContext db, IReadOnlyCollection<string>? sourceIds, CancellationToken cancellationToken);
}

/// <summary>One document as a source describes it; the indexer cleans, caps and hashes it.</summary>
public sealed record SearchDocumentInput(
    string SourceId,
    string Title,
    string? Description,
    string Body,
    string? Category,
    string Url,
    bool IsPrivate,
    DateTimeOffset? PublishedAt);
