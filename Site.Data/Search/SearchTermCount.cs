using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Site.Data.Search;

/// <summary>
/// How many rows of a kind (public or private) hold a word of the text vector, and, under the empty word, how many rows
/// the kind has. A full search reads these few numbers to know that a word like "the site's name" matches at least
/// <see cref="Site.Domain.Search.SearchPaging.CountCap"/> rows of a kind, and then does not count them one by one through
/// the text index (which costs time in proportion to the matches). Written only by triggers on <c>search_documents</c>
/// (the SearchTermCounts migration), so it is always in step with the index; a word whose last row is gone stays with
/// a count of 0.
/// </summary>
public sealed class SearchTermCount
{
    public required string Lexeme { get; init; }

    public required string Kind { get; init; }

    public bool IsPrivate { get; init; }

    public int Documents { get; init; }
}

internal sealed class SearchTermCountConfiguration : IEntityTypeConfiguration<SearchTermCount>
{
    public void Configure(EntityTypeBuilder<SearchTermCount> builder)
    {
        builder.ToTable("search_term_counts");
        builder.HasKey(c => new { c.Lexeme, c.Kind, c.IsPrivate });
        builder.Property(c => c.Lexeme).UseCollation("C");
        builder.Property(c => c.Kind).HasMaxLength(16);
    }
}
