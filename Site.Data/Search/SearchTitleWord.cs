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
    }
}
