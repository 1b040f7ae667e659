using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Site.Data.Search;

/// <summary>
/// One word of one indexed title, for autocomplete: the accent-folded lower-case word (as the title's word vector holds
/// it) with what the suggestions are ordered and filtered by. A btree over (kind, starts title, word) in byte order
/// answers "a title word starting with these letters" with a range scan that stops after a few rows, however short the
/// prefix; the GIN word index would expand a two-letter prefix into every word it starts. Written only by triggers on
/// <c>search_documents</c> (the SearchSpeed migration), so it is always in step with the titles, and removed with its
/// document.
/// </summary>
public sealed class SearchTitleWord
{
    public long DocumentId { get; init; }

    public required string Word { get; init; }

    public required string Kind { get; init; }

    public bool IsPrivate { get; init; }

    /// <summary>The title's first word: a title starting with the letters typed is suggested first.</summary>
    public bool StartsTitle { get; init; }

    /// <summary>Shorter titles are suggested before longer ones.</summary>
    public int TitleLength { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}

internal sealed class SearchTitleWordConfiguration : IEntityTypeConfiguration<SearchTitleWord>
{
    public void Configure(EntityTypeBuilder<SearchTitleWord> builder)
    {
        builder.ToTable("search_title_words");
        builder.HasKey(w => new { w.DocumentId, w.Word });
        // Byte order ("C"), so that every word starting with a prefix lies in one range of the index.
        builder.Property(w => w.Word).UseCollation("C");
        builder.Property(w => w.Kind).HasMaxLength(16);
        builder.HasOne<SearchDocument>().WithMany().HasForeignKey(w => w.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.Kind, w.StartsTitle, w.Word })
            .IncludeProperties(w => new { w.IsPrivate, w.TitleLength, w.PublishedAt, w.DocumentId })
            .HasDatabaseName("ix_search_title_words_prefix");
        // The titles holding a word that looks like a misspelt one.
        builder.HasIndex(w => w.Word).IncludeProperties(w => new { w.DocumentId, w.Kind, w.IsPrivate }).HasDatabaseName("ix_search_title_words_word");
    }
}

/// <summary>
/// Every distinct word of the indexed titles, once, with a trigram index: a misspelt word ("djnago") is matched
/// against a few thousand words rather than against every title, and the titles holding the words found are then
/// read from <see cref="SearchTitleWord"/>. Filled by the same triggers; a word whose last title is gone stays (it
/// only leads to no title) until the next full rebuild of the index removes it.
/// </summary>
public sealed class SearchWord
{
    public required string Word { get; init; }
}

internal sealed class SearchWordConfiguration : IEntityTypeConfiguration<SearchWord>
{
    public void Configure(EntityTypeBuilder<SearchWord> builder)
    {
        builder.ToTable("search_words");
        builder.HasKey(w => w.Word);
        builder.Property(w => w.Word).UseCollation("C");
        builder.HasIndex(w => w.Word).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_search_words_trigrams");
    }
}
