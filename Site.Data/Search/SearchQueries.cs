using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Site.Data.Persistence;
using Site.Domain.Blog;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>A results page asked for: the query as the reader typed it, filters and page.</summary>
public sealed record SearchRequest(string? Query, SearchKind? Kind = null, string? Category = null, int Page = 1, bool IncludePrivate = false);

/// <summary>One result: what it is, where it leads, and an excerpt as safe HTML with the matches marked.</summary>
public sealed record SearchHit(
    SearchKind Kind, string Title, string Url, string? Category, string? Description, string SnippetHtml, double Score, DateTimeOffset? PublishedAt);

/// <summary>
/// A page of results. <see cref="CountsByKind"/> counts every match of the query (and category) per kind, before the
/// kind filter, so the page can offer them as filters; <see cref="Total"/> is what the current filter matches.
/// <see cref="Unfinished"/> holds the kinds whose counting stopped before the end, so their counts mean "at least".
/// </summary>
public sealed record SearchResults(
    string Query, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<SearchKind, int> CountsByKind, int Total, int Page, int PageCount,
    IReadOnlySet<SearchKind> Unfinished)
{
    public static SearchResults Empty(string query) => new(query, [], new Dictionary<SearchKind, int>(), 0, 1, 0, new HashSet<SearchKind>());

    /// <summary>Whether the count of <paramref name="kind"/> (of every kind when null) is a lower bound.</summary>
    public bool IsUnfinished(SearchKind? kind) => kind is null ? Unfinished.Count > 0 : Unfinished.Contains(kind);
}

/// <summary>A suggestion of the header's search box, as the autocomplete API returns it.</summary>
public sealed record SearchSuggestion(string Title, SearchKind Kind, string Url, string? Category);

/// <summary>
/// The read side of search. Full search ranks with <see cref="SearchRanking"/> over the text vector (web-search syntax:
/// quoted phrases, <c>or</c>, <c>-word</c>) and trigram word similarity on titles and descriptions, all accent-blind;
/// autocomplete is a prefix match on titles with a limit per kind. Private rows are returned only when the caller
/// says the reader is the admin. Every query is parameterized; the query text is capped and cleaned first.
/// </summary>
public sealed class SearchQueries(IDbContextFactory<SiteDbContext> dbFactory)
{
    /// <summary>A search that takes longer than this is cancelled by the server rather than piling up.</summary>
    private const string StatementTimeout = "3000";

    private const string HeadlineOptions = "StartSel=\uE000, StopSel=\uE001, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";

    /// <summary>Snippets are cut from the start of long bodies only: ts_headline's cost grows with the text it reads.</summary>
    private const int HeadlineSourceLength = 20_000;

    /// <summary>
    /// How much of a body (cut at words' ends) a snippet is made from: about the 35 words a snippet shows.
    /// </summary>
    private const int HeadlineStartLength = 260;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = SearchQueryText.Normalize(request.Query);
        if (query.Length == 0)
        {
            return SearchResults.Empty(query);
        }

        var category = NullIfEmpty(request.Category);
        if (category is not null && !Slugs.IsValid(category))
        {
            // No category has such a name, so nothing is in it.
            return SearchResults.Empty(query);
        }

        var page = Math.Clamp(request.Page, 1, SearchPaging.MaxPage);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var batch = SearchBatch(connection, query, request with { Category = category, Page = page }, "");

        var hits = new List<SearchHit>();
        var counts = new Dictionary<SearchKind, int>();
        var unfinished = new HashSet<SearchKind>();
        await batch.PrepareAsync(cancellationToken);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (counts.Count == 0)
                {
                    foreach (var (name, count) in JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(0)) ?? [])
                    {
                        if (SearchKind.FromName(name) is { } kind)
                        {
                            counts[kind] = count;
                            if (count >= SearchPaging.CountCap)
                            {
                                unfinished.Add(kind);
                            }
                        }
                    }

                    unfinished.UnionWith(reader.GetString(1).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(SearchKind.FromName).OfType<SearchKind>());
                }

                if (reader.IsDBNull(2) || SearchKind.FromName(reader.GetString(2)) is not { } hitKind)
                {
                    continue;
                }

                hits.Add(new SearchHit(
                    hitKind,
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    SearchSnippet.ToHtml(reader.IsDBNull(9) ? null : reader.GetString(9)),
                    reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        var total = request.Kind is { } filter ? counts.GetValueOrDefault(filter) : counts.Values.Sum();
        unfinished.IntersectWith(counts.Keys);
        return new SearchResults(query, hits, counts, total, page, SearchPaging.PageCount(total), unfinished);
    }

    private const string EmptyJson = "'{}'";

    /// <summary>The weight the body's words carry in the text vector.</summary>
    private const string BodyWeight = "'{c}'";

    /// <summary>
    /// Two passes. The first finds rows without scoring them:
    /// <list type="bullet">
    /// <item>every text match of each kind up to <c>@text_limit</c> through that kind's own text index (these are the
    /// per-kind counts, which stop at <see cref="SearchPaging.CountCap"/>). A quoted phrase is checked in at most
    /// <c>@examine</c> rows of a kind holding all its words (see <see cref="CheckLimit"/>); a kind whose
    /// counting stopped there is reported as unfinished. A query left with no word to look for once stop words and
    /// exclusions are set aside ("the -word") matches no text, rather than everything the exclusion leaves;</item>
    /// <item>up to <c>@pool</c> rows (the page's end plus <see cref="CandidatePool"/>) whose title holds the words,
    /// when some text matched: for one word through the title-word index, which stops at the pool however common the
    /// word, for several through the title-words text index. Such a row's text matches too (the title is part of
    /// it), so its text is only checked for a phrase or an exclusion;</item>
    /// <item>when fewer text matches than the pool were found (a typo, a partial word), up to <c>@pool</c> titles
    /// holding a word that looks like a word typed (the trigram index of the distinct title words, the most similar
    /// words first). A reader whose words are found gets those rows, not others that look like them.</item>
    /// </list>
    /// Every filter applies in each way, so the caps count only rows that could be shown. The second pass scores the
    /// title rows, the similar rows and up to <c>@pool</c> of the text rows (taken from every kind in turn): ts_rank
    /// reads a row's whole vector and word similarity compares every word of title and description, so a word found in
    /// half the rows costs about what a rare one does. When more rows match than the pool holds, the best of the rows
    /// found is shown, with title matches always among them. For one word, rows whose title holds it outscore every
    /// other row (their rank alone is at least 0.6, a row with the word only in its description and body ranks at most
    /// 0.41, and both can have a similarity of 1), so when they fill the pool text-only rows are not scored.
    /// Snippets are made from about <see cref="HeadlineStartLength"/> characters of the body: its start, or the
    /// stretch around the first place the longest word wanted is written (in lower case, or capitalized) when that is
    /// further on; from the whole (capped) body only when that stretch shows no match but the body (weight C of the
    /// vector) has one, as when the word is written in another form. ts_headline parses and stems all it is given, so
    /// it is never given more.
    /// </summary>
    private static string SearchSql(bool phrase) => $"""
            WITH input AS (
                SELECT websearch_to_tsquery('site_english', @q) AS query, site_unaccent(@wanted) AS folded,
                       {(phrase ? "regexp_replace(websearch_to_tsquery('site_english', @q)::text, ' <(-|[0-9]+)> ', ' & ', 'g')::tsquery" : "NULL::tsquery")} AS loose,
                       websearch_to_tsquery('site_simple', @wanted) AS title_query,
                       websearch_to_tsquery('site_english', @excluded) AS excluded,
                       querytree(websearch_to_tsquery('site_english', @q)) <> 'T' AS indexable,
                       CASE WHEN @one_word THEN (SELECT min(w) FROM unnest(tsvector_to_array(to_tsvector('site_simple', @wanted))) w HAVING count(*) = 1) END AS title_word,
                       tsvector_to_array(to_tsvector('site_english', @wanted)) AS wanted_lexemes,
                       tsvector_to_array(to_tsvector('site_english', @excluded)) AS excluded_lexemes
            ), title_hits AS MATERIALIZED (
                (SELECT t.document_id AS id FROM input, (
                     SELECT t.document_id FROM input, search_title_words t
                     WHERE t.word = input.title_word AND input.indexable AND (@include_private OR NOT t.is_private) AND (@kind::text IS NULL OR t.kind = @kind)
                     LIMIT @examine) t
                 JOIN search_documents d ON d.id = t.document_id
                 WHERE (@category::text IS NULL OR d.category = @category) AND (@title_implies_text OR d.search_vector @@ input.query)
                 LIMIT @pool)
                UNION ALL
                (SELECT t.id FROM input, (
                     SELECT d.id, d.category, d.search_vector FROM search_documents d, input
                     WHERE input.title_word IS NULL AND input.indexable AND d.title_words @@ input.title_query
                       AND (@include_private OR NOT d.is_private) AND (@kind::text IS NULL OR d.kind = @kind)
                     LIMIT @examine) t
                 WHERE (@category::text IS NULL OR t.category = @category) AND (@title_implies_text OR t.search_vector @@ input.query)
                 LIMIT @pool)
            ), crowded AS MATERIALIZED (
                SELECT s.kind FROM input, unnest(@kinds::text[]) AS s(kind)
                CROSS JOIN LATERAL (
                    SELECT coalesce(sum(c.documents) FILTER (WHERE c.lexeme = ''), 0) AS total,
                           coalesce(sum(c.documents) FILTER (WHERE c.lexeme = ANY (input.wanted_lexemes)), 0) AS wanted,
                           coalesce(sum(c.documents) FILTER (WHERE c.lexeme = ANY (input.excluded_lexemes)), 0) AS excluded
                    FROM search_term_counts c
                    WHERE (c.lexeme = '' OR c.lexeme = ANY (input.wanted_lexemes) OR c.lexeme = ANY (input.excluded_lexemes))
                      AND c.kind = s.kind AND (@include_private OR NOT c.is_private)) n
                WHERE @bounded AND @category::text IS NULL AND cardinality(input.wanted_lexemes) > 0
                  AND n.wanted - (cardinality(input.wanted_lexemes) - 1) * n.total - n.excluded >= @count_cap
            ), skipped AS MATERIALIZED (
                SELECT kind FROM crowded WHERE (SELECT count(*) FROM title_hits) >= @pool OR kind <> @kind::text
            ), text_hits AS MATERIALIZED (
                {string.Join("\n                UNION ALL\n                ", SearchKind.All.Select(kind => phrase ? $"""
                (SELECT x.id, x.kind, x.examined >= @examine AS cut, row_number() OVER () AS turn FROM (
                     SELECT y.*, count(*) OVER () AS examined FROM (
                         SELECT d.id, d.kind, d.search_vector AS vector FROM search_documents d, input
                         WHERE d.kind = '{kind.Name}' AND d.search_vector @@ input.loose
                           AND input.indexable AND (@include_private OR NOT d.is_private) AND (@category::text IS NULL OR d.category = @category)
                         LIMIT @examine) y) x, input
                 WHERE x.vector @@ input.query
                 LIMIT @text_limit)
                """ : $"""
                (SELECT d.id, d.kind, false AS cut, row_number() OVER () AS turn FROM search_documents d, input WHERE d.kind = '{kind.Name}' AND d.search_vector @@ input.query
                   AND input.indexable AND (@include_private OR NOT d.is_private) AND (@category::text IS NULL OR d.category = @category)
                   AND NOT EXISTS (SELECT 1 FROM skipped WHERE skipped.kind = '{kind.Name}')
                 LIMIT CASE WHEN EXISTS (SELECT 1 FROM crowded WHERE crowded.kind = '{kind.Name}') THEN @pool ELSE @text_limit END)
                """))}
            ), similar_words AS MATERIALIZED (
                SELECT w.word, max(word_similarity(q.word, w.word)) AS similarity
                FROM input CROSS JOIN LATERAL unnest(string_to_array(lower(input.folded), ' ')) AS q(word)
                JOIN search_words w ON w.word %> q.word
                WHERE (SELECT count(*) FROM title_hits) < @pool
                  AND (SELECT count(*) FROM (SELECT 1 FROM text_hits WHERE @kind::text IS NULL OR kind = @kind LIMIT @pool) enough) < @pool
                GROUP BY w.word ORDER BY similarity DESC, w.word LIMIT @similar_words
            ), similar_hits AS MATERIALIZED (
                SELECT d.id FROM (
                    SELECT t.document_id, max(sw.similarity) AS similarity FROM similar_words sw
                    CROSS JOIN LATERAL (SELECT t.document_id FROM search_title_words t
                                        WHERE t.word = sw.word AND (@include_private OR NOT t.is_private) AND (@kind::text IS NULL OR t.kind = @kind)
                                        LIMIT @pool) t
                    GROUP BY t.document_id ORDER BY similarity DESC, t.document_id LIMIT 2 * @pool) s
                JOIN search_documents d ON d.id = s.document_id CROSS JOIN input
                WHERE (@category::text IS NULL OR d.category = @category) AND (@excluded = '' OR NOT d.search_vector @@ input.excluded)
                ORDER BY s.similarity DESC, d.id
                LIMIT @pool
            ), wanted_text AS (
                SELECT id, kind, turn FROM text_hits WHERE @kind::text IS NULL OR kind = @kind
            ), candidates AS (
                -- Whether the row is known to match the text: title and text rows are, similar rows may not be.
                SELECT id, bool_or(text_match) AS text_match FROM (
                    SELECT id, true AS text_match FROM title_hits
                    UNION ALL SELECT id, false FROM similar_hits
                    UNION ALL (SELECT id, true FROM wanted_text WHERE turn <= @pool AND (NOT @one_word OR (SELECT count(*) FROM title_hits) < @pool)
                               ORDER BY turn, id LIMIT @pool)) c
                GROUP BY id
            ), pool_full AS (
                SELECT (SELECT count(*) FROM title_hits) >= @pool OR (SELECT count(*) FROM similar_hits) >= @pool
                    OR (SELECT count(*) FROM wanted_text) > @pool
                    OR coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM text_hits GROUP BY kind) k), 0) >= @text_limit
                    OR EXISTS (SELECT 1 FROM crowded) AS is_full
            ), scored AS MATERIALIZED (
                SELECT d.id, d.kind, d.published_at,
                       ts_rank(d.search_vector, input.query) AS rank, c.text_match OR d.search_vector @@ input.query AS text_match,
                       CASE WHEN t.similarity >= 1 THEN t.similarity
                            ELSE greatest(t.similarity, coalesce(word_similarity(input.folded, d.description_folded), 0)) END AS similarity
                FROM candidates c JOIN search_documents d ON d.id = c.id CROSS JOIN input
                CROSS JOIN LATERAL (SELECT word_similarity(input.folded, d.title_folded) AS similarity OFFSET 0) t
            ), kept AS MATERIALIZED (
                SELECT id, kind, published_at, text_match, @rank_weight * rank + @similarity_weight * similarity AS score
                FROM scored WHERE rank > @min_rank OR similarity > @min_similarity
            ), page AS (
                SELECT id, kind, published_at, score FROM kept ORDER BY score DESC, published_at DESC NULLS LAST, id LIMIT @limit OFFSET @offset
            ), counts AS (
                SELECT CASE WHEN @kind::text IS NULL AND NOT (SELECT is_full FROM pool_full)
                    THEN (SELECT coalesce(json_object_agg(kind, n), {EmptyJson})::text FROM (SELECT kind, count(*) AS n FROM kept GROUP BY kind) k)
                    ELSE (SELECT coalesce(json_object_agg(kinds.kind, CASE WHEN kinds.kind IN (SELECT kind FROM crowded) THEN @count_cap ELSE least(@count_cap, n.n + title_only.n) END)
                                    FILTER (WHERE kinds.kind IN (SELECT kind FROM crowded) OR n.n + title_only.n > 0), {EmptyJson})::text
                          FROM unnest(@kinds::text[]) AS kinds(kind)
                          CROSS JOIN LATERAL (SELECT count(*) AS n FROM text_hits t WHERE t.kind = kinds.kind) n
                          CROSS JOIN LATERAL (SELECT count(*) AS n FROM kept WHERE kept.kind = kinds.kind AND NOT kept.text_match) title_only)
                    END AS by_kind,
                    (SELECT coalesce(string_agg(DISTINCT kind, ' '), '') FROM text_hits WHERE cut) AS unfinished
            )
            SELECT counts.by_kind, counts.unfinished, r.kind, r.title, r.url, r.category, r.description, r.score, r.published_at, r.headline
            FROM counts LEFT JOIN LATERAL (
                SELECT p.kind, d.title, d.url, d.category, d.description, p.score, p.published_at, p.id,
                       CASE WHEN strpos(h.headline, @mark) = 0 AND b.long AND ts_filter(d.search_vector, {BodyWeight}) @@ input.query
                            THEN ts_headline('site_english', left(b.body, @headline_length), input.query, @headline_options)
                            ELSE h.headline END AS headline
                FROM page p JOIN search_documents d ON d.id = p.id CROSS JOIN input
                CROSS JOIN LATERAL (SELECT d.body || '' AS body OFFSET 0) whole
                CROSS JOIN LATERAL (SELECT whole.body, length(whole.body) > @headline_start AS long,
                                           CASE WHEN @snippet_word = '' THEN 0 ELSE coalesce(nullif(strpos(whole.body, @snippet_word), 0), strpos(whole.body, initcap(@snippet_word))) END AS at OFFSET 0) b
                CROSS JOIN LATERAL (SELECT ts_headline('site_english',
                    CASE WHEN b.body = '' THEN coalesce(d.description, d.title)
                         WHEN NOT b.long THEN b.body
                         WHEN b.at > @headline_start - length(@snippet_word)
                         THEN (SELECT substr(w, strpos(w, ' ') + 1, length(w) - strpos(w, ' ') - strpos(reverse(w), ' '))
                               FROM (SELECT substr(b.body, greatest(1, b.at - @headline_start / 3), @headline_start) AS w) x)
                         ELSE left(b.body, @headline_start + 1 - strpos(reverse(left(b.body, @headline_start + 1)), ' ')) END,
                    input.query, @headline_options) AS headline OFFSET 0) h
            ) r ON true
            ORDER BY r.score DESC, r.published_at DESC NULLS LAST, r.id
            """;

    private static readonly string WordSearchSql = SearchSql(phrase: false);
    private static readonly string PhraseSearchSql = SearchSql(phrase: true);

    /// <summary>
    /// At most this many rows are checked one by one, since each check reads the row's whole text vector: for a phrase,
    /// the rows of each kind holding all its words (its count is then "at least"); for title matches, the rows whose
    /// title holds the words, against a phrase or an exclusion (when too few pass, the text matches fill the pool).
    /// </summary>
    internal const int CheckLimit = 150;

    /// <summary>At most this many title words that look like the words typed are followed to their titles.</summary>
    private const int SimilarWords = 20;

    /// <summary>How many candidates each way of finding rows offers beyond the end of the page asked for.</summary>
    private const int CandidatePool = 5;

    /// <summary>The full search as one batch: settings, then the query (prefixed with <paramref name="explain"/> for the benchmark).</summary>
    private static NpgsqlBatch SearchBatch(NpgsqlConnection connection, string query, SearchRequest request, string explain)
    {
        var batch = SettingsBatch(connection);
        var parts = WebSearchQuery.Parse(query);
        // A quoted phrase is looked for among the rows holding all its words, which it rechecks one by one: a bounded
        // number of them, since two common words can share thousands of rows. A negated phrase is not loosened.
        var phrase = query.Contains('"') && !query.Contains("-\"", StringComparison.Ordinal);
        var command = new NpgsqlBatchCommand(explain + (phrase ? PhraseSearchSql : WordSearchSql));
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("wanted", parts.WantedText);
        command.Parameters.AddWithValue("one_word", parts.WantedText.Length > 0 && parts.WantedText.All(char.IsLetterOrDigit));
        command.Parameters.AddWithValue("excluded", string.Join(" or ", parts.ExcludedWords));
        command.Parameters.AddWithValue("title_implies_text", parts.ExcludedWords.Count == 0 && !query.Contains('"'));
        command.Parameters.AddWithValue("bounded", CountsBoundByTerms(query, parts));
        command.Parameters.AddWithValue("include_private", request.IncludePrivate);
        command.Parameters.Add(new NpgsqlParameter("category", NpgsqlDbType.Text) { Value = (object?)request.Category ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)request.Kind?.Name ?? DBNull.Value });
        command.Parameters.AddWithValue("rank_weight", SearchRanking.RankWeight);
        command.Parameters.AddWithValue("similarity_weight", SearchRanking.SimilarityWeight);
        command.Parameters.AddWithValue("min_rank", SearchRanking.MinRank);
        command.Parameters.AddWithValue("min_similarity", SearchRanking.MinSimilarity);
        command.Parameters.AddWithValue("limit", SearchPaging.PageSize);
        command.Parameters.AddWithValue("offset", (request.Page - 1) * SearchPaging.PageSize);
        command.Parameters.AddWithValue("pool", request.Page * SearchPaging.PageSize + CandidatePool);
        command.Parameters.AddWithValue("count_cap", SearchPaging.CountCap);
        command.Parameters.AddWithValue("examine", Math.Max(CheckLimit, request.Page * SearchPaging.PageSize + CandidatePool));
        command.Parameters.AddWithValue("similar_words", SimilarWords);
        command.Parameters.AddWithValue("text_limit", Math.Max(SearchPaging.CountCap, request.Page * SearchPaging.PageSize + CandidatePool));
        command.Parameters.AddWithValue("kinds", SearchKind.All.Select(k => k.Name).ToArray());
        command.Parameters.AddWithValue("headline_length", HeadlineSourceLength);
        command.Parameters.AddWithValue("headline_start", HeadlineStartLength);
        command.Parameters.AddWithValue("snippet_word", parts.WantedText.Split(' ').MaxBy(w => w.Length)?.ToLowerInvariant() ?? "");
        command.Parameters.AddWithValue("mark", SearchSnippet.StartMark.ToString());
        command.Parameters.AddWithValue("headline_options", HeadlineOptions);
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>
    /// Whether the query matches every row holding all its wanted words and none of its excluded ones, word by word
    /// as the text vector holds them, so that <see cref="SearchTermCount"/>s bound its count from below: plain words
    /// only, no phrase, no <c>or</c>, nothing the text parser would split into several words.
    /// </summary>
    private static bool CountsBoundByTerms(string query, WebSearchQuery parts) =>
        !query.Contains('"')
        && !query.Split(' ').Any(w => string.Equals(w, "or", StringComparison.OrdinalIgnoreCase))
        && parts.WantedText.Split(' ').Concat(parts.ExcludedWords).All(w => w.Length > 0 && w.All(char.IsLetterOrDigit));

    /// <summary>
    /// Suggestions for the header's search box: titles with a word starting with each word typed, accents ignored,
    /// mixed by <see cref="AutocompleteMix"/>. Empty below <see cref="SearchQueryText.MinAutocompleteLength"/> characters.
    /// </summary>
    public async Task<IReadOnlyList<SearchSuggestion>> AutocompleteAsync(string? rawQuery, bool includePrivate, CancellationToken cancellationToken = default)
    {
        var query = SearchQueryText.Normalize(rawQuery);
        if (query.Length < SearchQueryText.MinAutocompleteLength || SearchQueryText.PrefixQuery(query) is not { } prefix)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var batch = AutocompleteBatch(connection, query, prefix, includePrivate, "");

        var candidates = new List<SearchSuggestion>();
        await batch.PrepareAsync(cancellationToken);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (SearchKind.FromName(reader.GetString(0)) is { } kind)
                {
                    candidates.Add(new SearchSuggestion(reader.GetString(1), kind, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }
        }

        return AutocompleteMix.Pick(candidates, s => s.Kind);
    }

    /// <summary>
    /// Each kind's suggestions are the best of at most this many titles starting with the letters typed and as many
    /// with a later word starting with them (in the title-word index's order): two letters match a quarter of a large
    /// site's titles, and ordering them all would cost more than the keystroke allows.
    /// </summary>
    private const int AutocompletePool = 50;

    /// <summary>
    /// With several words typed, the rows of the longest word's prefix are read up to this many per kind and checked
    /// for the other words against their titles; a rarer combination beyond them is not suggested.
    /// </summary>
    private const int AutocompleteScanLimit = 1000;

    /// <summary>
    /// The candidates of each kind (best first): its title-word rows whose word starts with the accent-folded,
    /// lower-case <c>@word</c>, found by a range scan of <c>ix_search_title_words_prefix</c>. One word typed: titles
    /// starting with it first, then shorter titles, then newer, all read from the index alone. Several: the longest
    /// word's rows, kept when the title's words start with every word typed.
    /// </summary>
    private static string AutocompleteSql(bool severalWords)
    {
        const string range = "w.word >= lower(site_unaccent(@word)) AND w.word < lower(site_unaccent(@word)) || chr(1114111)";
        var parts = SearchKind.All.Select(kind => severalWords
            ? $"""
                (SELECT '{kind.Name}' AS kind, b.* FROM (
                     SELECT DISTINCT ON (d.id) d.id AS document_id, starts_with(lower(d.title_folded), lower(site_unaccent(@q))) AS starts_title,
                            length(d.title) AS title_length, d.published_at
                     FROM (SELECT w.document_id FROM search_title_words w
                           WHERE w.kind = '{kind.Name}' AND {range} AND (@include_private OR NOT w.is_private)
                           ORDER BY w.word LIMIT @scan) w
                     JOIN search_documents d ON d.id = w.document_id
                     WHERE d.title_words @@ to_tsquery('site_simple', @prefix)) b
                 ORDER BY b.starts_title DESC, b.title_length, b.published_at DESC NULLS LAST, b.document_id
                 LIMIT {AutocompleteMix.QuotaOf(kind)})
                """
            : $"""
                (SELECT '{kind.Name}' AS kind, b.* FROM (
                     SELECT DISTINCT ON (p.document_id) p.* FROM (
                         (SELECT w.document_id, w.starts_title, w.title_length, w.published_at FROM search_title_words w
                          WHERE w.kind = '{kind.Name}' AND w.starts_title AND {range} AND (@include_private OR NOT w.is_private)
                          ORDER BY w.word LIMIT @pool)
                         UNION ALL
                         (SELECT w.document_id, w.starts_title, w.title_length, w.published_at FROM search_title_words w
                          WHERE w.kind = '{kind.Name}' AND NOT w.starts_title AND {range} AND (@include_private OR NOT w.is_private)
                          ORDER BY w.word LIMIT @pool)) p
                     ORDER BY p.document_id, p.starts_title DESC) b
                 ORDER BY b.starts_title DESC, b.title_length, b.published_at DESC NULLS LAST, b.document_id
                 LIMIT {AutocompleteMix.QuotaOf(kind)})
                """);
        return $"""
            SELECT c.kind, d.title, d.url, d.category
            FROM (SELECT * FROM ({string.Join("\nUNION ALL\n", parts)}) u
                  ORDER BY array_position(@kinds::text[], u.kind::text), u.starts_title DESC, u.title_length, u.published_at DESC NULLS LAST, u.document_id
                  LIMIT {AutocompleteMix.Total}) c
            JOIN search_documents d ON d.id = c.document_id
            ORDER BY array_position(@kinds::text[], c.kind::text), c.starts_title DESC, c.title_length, c.published_at DESC NULLS LAST, c.document_id
            """;
    }

    private static readonly string AutocompleteOneWordSql = AutocompleteSql(severalWords: false);
    private static readonly string AutocompleteWordsSql = AutocompleteSql(severalWords: true);

    private static NpgsqlBatch AutocompleteBatch(NpgsqlConnection connection, string query, string prefix, bool includePrivate, string explain)
    {
        // The prefix query is "word:* & word:*": the longest word narrows best.
        var words = prefix.Split(" & ").Select(w => w[..^2]).ToArray();
        var batch = SettingsBatch(connection);
        var command = new NpgsqlBatchCommand(explain + (words.Length == 1 ? AutocompleteOneWordSql : AutocompleteWordsSql));
        command.Parameters.AddWithValue("word", words.OrderByDescending(w => w.Length).First());
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("include_private", includePrivate);
        command.Parameters.AddWithValue("pool", AutocompletePool);
        command.Parameters.AddWithValue("scan", AutocompleteScanLimit);
        command.Parameters.AddWithValue("kinds", SearchKind.All.Select(k => k.Name).ToArray());
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>
    /// The plans PostgreSQL chooses for a full search and an autocomplete of <paramref name="rawQuery"/>, executed
    /// (EXPLAIN ANALYZE), for the benchmark's proof that the indexes are used.
    /// </summary>
    internal async Task<(string Search, string Autocomplete)> ExplainAsync(string rawQuery, CancellationToken cancellationToken = default)
    {
        var query = SearchQueryText.Normalize(rawQuery);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        const string explain = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ";
        async Task<string> PlanAsync(NpgsqlBatch batch)
        {
            await using (batch)
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                while (reader.FieldCount == 0 || reader.GetName(0) != "QUERY PLAN")
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                var lines = new List<string>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }

                return string.Join('\n', lines);
            }
        }

        var search = await PlanAsync(SearchBatch(connection, query, new SearchRequest(query), explain));
        var autocomplete = await PlanAsync(AutocompleteBatch(connection, query, SearchQueryText.PrefixQuery(query) ?? "x", false, explain));
        return (search, autocomplete);
    }

    /// <summary>
    /// A batch that first sets, for its own implicit transaction only and in one statement, the statement timeout, the
    /// word-similarity threshold that the trigram index answers <c>&lt;%</c> with, and no JIT compilation: these
    /// queries read a few hundred rows through indexes, and compiling them costs more than running them.
    /// </summary>
    private static NpgsqlBatch SettingsBatch(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);
        var settings = new NpgsqlBatchCommand("""
            SELECT set_config('statement_timeout', @timeout, true), set_config('pg_trgm.word_similarity_threshold', @threshold, true),
                   set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true),
                   set_config('enable_memoize', 'off', true)
            """);
        settings.Parameters.AddWithValue("timeout", StatementTimeout);
        settings.Parameters.AddWithValue("threshold", SearchRanking.CandidateSimilarity.ToString(CultureInfo.InvariantCulture));
        batch.BatchCommands.Add(settings);
        return batch;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
