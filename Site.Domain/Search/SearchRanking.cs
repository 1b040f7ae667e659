namespace Site.Domain.Search;

/// <summary>
/// The search score, in one place: 0.7 × text rank + 0.3 × the best trigram word similarity of the query to the title
/// or description. A row is kept when its rank passes <see cref="MinRank"/> or its similarity passes
/// <see cref="MinSimilarity"/>, so a misspelt word ("djang") still finds its title. The SQL takes these numbers as
/// parameters rather than repeating them.
/// </summary>
public static class SearchRanking
{
    public const double RankWeight = 0.7;
    public const double SimilarityWeight = 0.3;
    public const double MinRank = 0.01;
    public const double MinSimilarity = 0.2;

    /// <summary>
    /// How similar a title must be for its trigram index to offer a row that the text index did not find (a
    /// description's similarity counts in the score of every row found, but finding rows by it would put a second,
    /// wider trigram scan on every search). At <see cref="MinSimilarity"/> nearly any text shares two trigrams with a query, so the indexes would
    /// hand back a large part of the table to score; at 0.4 a cut-off word ("djang": 0.83) or a swapped pair of
    /// letters ("djnago": 0.43) still gets through. Rows found either way are then kept by <see cref="Keeps"/>.
    /// </summary>
    public const double CandidateSimilarity = 0.4;

    public static double Score(double rank, double similarity) => RankWeight * rank + SimilarityWeight * similarity;

    public static bool Keeps(double rank, double similarity) => rank > MinRank || similarity > MinSimilarity;
}
