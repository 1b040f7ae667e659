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

    public static double Score(double rank, double similarity) => RankWeight * rank + SimilarityWeight * similarity;

    public static bool Keeps(double rank, double similarity) => rank > MinRank || similarity > MinSimilarity;
}
