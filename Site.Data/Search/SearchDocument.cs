using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Site.Data.Search;

/// <summary>
/// One row of the search index: a post, project, book, album or photo as search sees it. Written only by
/// <see cref="SearchIndexer"/> from an <see cref="ISearchSource"/>; the weighted text vector and the title's prefix
/// vector are computed by PostgreSQL from the text columns (generated columns), so they can never disagree with them.
/// </summary>
public sealed class SearchDocument
{
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 2000;

    /// <summary>Bodies beyond this are cut: the vector's positions stop counting long before, and snippets come from the start.</summary>
    public const int MaxBodyLength = 100_000;

    public long Id { get; init; }

    /// <summary>A <see cref="Domain.Search.SearchKind"/> name: <c>post</c>, <c>project</c>, <c>book</c>, <c>album</c>, <c>photo</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The id of the row it was made from, in that kind's own terms (a post id, a slug, a photo's UUID).</summary>
    public required string SourceId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Plain text (HTML removed) that is searched with the lowest weight and from which snippets are cut.</summary>
    public required string Body { get; init; }

    /// <summary>A post's category slug; empty for the other kinds.</summary>
    public string? Category { get; init; }

    /// <summary>Where a result links to, relative to the site.</summary>
    public required string Url { get; init; }

    /// <summary>Only the admin is shown it: drafts, private albums and their photos.</summary>
    public bool IsPrivate { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>SHA-256 of every indexed field: an unchanged source row is never written again.</summary>
    public required string ContentHash { get; init; }

    public DateTimeOffset IndexedAt { get; init; }
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    /// <summary>Title A, description B, body C, folded by the accent-blind English configuration of the Search migration.</summary>
    internal const string SearchVectorSql =
        "setweight(to_tsvector('site_english'::regconfig, title), 'A') || " +
        "setweight(to_tsvector('site_english'::regconfig, coalesce(description, '')), 'B') || " +
        "setweight(to_tsvector('site_english'::regconfig, body), 'C')";

    /// <summary>The title's words, accent-folded but not stemmed, for autocomplete's prefix queries.</summary>
    internal const string TitleWordsSql = "to_tsvector('site_simple'::regconfig, title)";

    /// <summary>The name of the text index of one kind's rows.</summary>
    internal static string SearchVectorIndexOf(Domain.Search.SearchKind kind) => "ix_search_documents_search_vector_" + kind.Name;

    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable("search_documents");
        builder.Property(d => d.Kind).HasMaxLength(16);
        builder.Property(d => d.SourceId).HasMaxLength(200);
        builder.Property(d => d.Title).HasMaxLength(SearchDocument.MaxTitleLength);
        builder.Property(d => d.Description).HasMaxLength(SearchDocument.MaxDescriptionLength);
        builder.Property(d => d.Category).HasMaxLength(64);
        builder.Property(d => d.Url).HasMaxLength(1000);
        builder.Property(d => d.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property<NpgsqlTsVector>("SearchVector").HasComputedColumnSql(SearchVectorSql, stored: true);
        builder.Property<NpgsqlTsVector>("TitleWords").HasComputedColumnSql(TitleWordsSql, stored: true);
        // Accent-folded copies for trigram similarity, made once at write time: folding at query time would run the
        // unaccent dictionary over every candidate row of every search.
        builder.Property<string>("TitleFolded").HasComputedColumnSql("site_unaccent(title)", stored: true);
        builder.Property<string>("DescriptionFolded").HasComputedColumnSql("site_unaccent(description)", stored: true);
        builder.HasIndex(d => new { d.Kind, d.SourceId }).IsUnique();
        // One text index per kind rather than one over all: a search counts its matches per kind (up to a cap), and
        // each count then reads only its own kind's entries instead of intersecting a common word's whole list with
        // the kind's.
        foreach (var kind in Domain.Search.SearchKind.All)
        {
            builder.HasIndex(["SearchVector"], SearchVectorIndexOf(kind)).HasDatabaseName(SearchVectorIndexOf(kind)).HasMethod("gin").HasFilter($"kind = '{kind.Name}'");
        }

        builder.HasIndex("TitleWords").HasMethod("gin");
    }
}

