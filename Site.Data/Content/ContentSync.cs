using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Site.Data.Configuration;
using Site.Data.Graph;
using Site.Data.Jobs;
using Site.Data.Persistence;
using Site.Data.Search;
using Site.Domain.Blog;
using Site.Domain.Search;

namespace Site.Data.Content;

/// <summary>What one sync did.</summary>
public sealed record ContentSyncResult(
    int PostsAdded,
    int PostsUpdated,
    int PostsRemoved,
    int PostsUnchanged,
    bool Changed,
    IReadOnlyList<ContentErrorReport> Errors,
    TimeSpan Duration);

/// <summary>
/// Loads the content folder into PostgreSQL. Idempotent: everything is rendered, but only rows whose content hash
/// (or, for links, data files and errors, whose values) differ are written, so a second run with the same files
/// writes nothing. A post whose file has errors keeps its last good version online. Runs under a transaction-level
/// advisory lock, so two hosts syncing at once take turns; when public content changed it sends
/// <see cref="ContentChanges.Channel"/> with the commit, which every web host hears and evicts its page cache for.
/// Called at web host start and, once the job queue exists, by a job.
/// </summary>
public sealed class ContentSync(
    IDbContextFactory<SiteDbContext> dbFactory,
    IOptions<ContentOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<ContentSync> logger,
    IOptions<SiteIdentityOptions>? site = null)
{
    private const long SyncLockKey = 0x5_17E_C0_47;

    /// <summary>A burst of syncs (files saved one after another) rebuilds the graph once, this long after the last.</summary>
    private static readonly TimeSpan GraphRebuildDelay = TimeSpan.FromSeconds(10);

    /// <summary>The content folder this sync reads, as an absolute path.</summary>
    public string ContentFolder => options.Value.FullPath(environment.ContentRootPath);

    public async Task<ContentSyncResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var content = ContentLoader.Load(ContentFolder, OwnHosts());
        var now = clock.GetUtcNow();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SyncLockKey})", cancellationToken);

        var (added, updated, removed, unchanged) = await SyncPostsAsync(db, content, now, cancellationToken);
        var linksChanged = await SyncLinksAsync(db, content, cancellationToken);
        var dataChanged = await SyncCategoriesAsync(db, content, cancellationToken)
            | await SyncProjectsAsync(db, content, cancellationToken)
            | await SyncBooksAsync(db, content, cancellationToken)
            | await SyncPagesAsync(db, content, cancellationToken);
        await SyncErrorsAsync(db, content, now, cancellationToken);

        var changed = added + updated + removed > 0 || linksChanged || dataChanged;
        if (changed)
        {
            await ContentChanges.NotifyAsync(db, cancellationToken);
        }

        // The search index follows in the jobs host; queued in this transaction, so it exists exactly when the change
        // does. Content that is in place but not yet in the index (the first start after upgrading) is queued too.
        if (changed || (content.Posts.Count > 0 && !await db.Set<SearchDocument>().AnyAsync(d => d.Kind == SearchKind.Post.Name, cancellationToken)))
        {
            await UpdateSearchIndex.EnqueueForContentAsync(db, cancellationToken);
        }

        // So does the knowledge graph's record and its screenshot (the site's social image): its rebuild notices a new
        // graph and queues the picture. Also on a first start, when no graph was ever recorded.
        if (changed || (content.Posts.Count > 0 && !await db.Set<KnowledgeGraphSnapshot>().AnyAsync(cancellationToken)))
        {
            await JobQueue.EnqueueAsync(db, new RebuildKnowledgeGraph(),
                new JobEnqueueOptions { DebounceKey = "content", RunAt = now + GraphRebuildDelay }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        foreach (var error in content.Errors)
        {
            logger.LogWarning("Content error in {File}{Line}: {Problem}", error.SourcePath, error.Line is { } line ? ":" + line : "", error.Message);
        }

        var result = new ContentSyncResult(added, updated, removed, unchanged, changed, content.Errors, stopwatch.Elapsed);
        logger.LogInformation(
            "Content synced from {Folder} in {Milliseconds} ms: {Added} posts added, {Updated} updated, {Removed} removed, {Unchanged} unchanged, {Errors} content errors",
            ContentFolder, (int)result.Duration.TotalMilliseconds, added, updated, removed, unchanged, content.Errors.Count);
        return result;
    }

    /// <summary>The host of the site's public address, so that absolute links to its own posts count as post links.</summary>
    private string[] OwnHosts() =>
        site is not null && Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var uri) ? [uri.Host] : [];

    private static async Task<(int Added, int Updated, int Removed, int Unchanged)> SyncPostsAsync(
        SiteDbContext db, LoadedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = (await db.Set<Post>().ToListAsync(cancellationToken)).ToDictionary(p => new PostAddress(p.Category, p.Slug));
        int added = 0, updated = 0, unchanged = 0;
        foreach (var loaded in content.Posts)
        {
            if (existing.TryGetValue(loaded.Address, out var post))
            {
                if (post.ContentHash == loaded.ContentHash)
                {
                    unchanged++;
                    continue;
                }

                Apply(post, loaded, now);
                updated++;
            }
            else
            {
                var created = new Post
                {
                    Category = loaded.Address.Category,
                    Slug = loaded.Address.Slug,
                    Title = "",
                    Html = "",
                    PlainText = "",
                    SourcePath = "",
                    ContentHash = "",
                };
                Apply(created, loaded, now);
                db.Add(created);
                added++;
            }
        }

        // A post whose file is gone is removed; one whose file is only broken keeps its last good version.
        var removed = 0;
        foreach (var (address, post) in existing)
        {
            if (!content.AddressesWithFiles.Contains(address))
            {
                db.Remove(post);
                removed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (added, updated, removed, unchanged);
    }

    private static void Apply(Post post, LoadedPost loaded, DateTimeOffset now)
    {
        post.Number = loaded.Number;
        post.Title = loaded.Metadata.Title;
        post.Description = loaded.Metadata.Description;
        post.PublishedOn = loaded.Metadata.Date;
        post.Tags = [.. loaded.Metadata.Tags];
        post.Image = loaded.ImagePath;
        post.IsDraft = loaded.Metadata.IsDraft;
        post.Html = loaded.Rendered.Html;
        post.PlainText = loaded.Rendered.PlainText;
        post.WordCount = loaded.WordCount;
        post.ReadingMinutes = ReadingTime.Minutes(loaded.WordCount);
        post.SourcePath = loaded.SourcePath;
        post.ContentHash = loaded.ContentHash;
        post.SyncedAt = now;
    }

    /// <summary>
    /// One link per pair of posts (the first occurrence's text and context, with how many times the source repeats it),
    /// so repeating a link does not inflate the graph; links to missing posts are errors, never rows.
    /// </summary>
    private static async Task<bool> SyncLinksAsync(SiteDbContext db, LoadedContent content, CancellationToken cancellationToken)
    {
        var ids = await db.Set<Post>().ToDictionaryAsync(p => new PostAddress(p.Category, p.Slug), p => p.Id, cancellationToken);
        var sources = content.Posts.Select(p => ids[p.Address]).ToHashSet();
        var loaded = content.Posts.Select(p => p.Address).ToHashSet();
        var wanted = new Dictionary<(int, int), FoundLinkRow>();
        foreach (var post in content.Posts)
        {
            var source = ids[post.Address];
            foreach (var link in post.Rendered.PostLinks)
            {
                if (ids.TryGetValue(link.Target, out var target) && target != source && loaded.Contains(link.Target))
                {
                    wanted[(source, target)] = wanted.TryGetValue((source, target), out var first)
                        ? first with { Count = first.Count + 1 }
                        : new(link.Text, link.Context, link.Line, 1);
                }
            }
        }

        var changed = false;
        var existing = await db.Set<PostLink>().Where(l => sources.Contains(l.SourcePostId)).ToListAsync(cancellationToken);
        foreach (var row in existing)
        {
            if (!wanted.Remove((row.SourcePostId, row.TargetPostId), out var found))
            {
                db.Remove(row);
                changed = true;
            }
            else if (row.LinkText != found.Text || row.Context != found.Context || row.Line != found.Line || row.Count != found.Count)
            {
                (row.LinkText, row.Context, row.Line, row.Count) = (found.Text, found.Context, found.Line, found.Count);
                changed = true;
            }
        }

        foreach (var ((source, target), found) in wanted)
        {
            db.Add(new PostLink { SourcePostId = source, TargetPostId = target, LinkText = found.Text, Context = found.Context, Line = found.Line, Count = found.Count });
            changed = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private sealed record FoundLinkRow(string Text, string Context, int Line, int Count);

    private static Task<bool> SyncCategoriesAsync(SiteDbContext db, LoadedContent content, CancellationToken cancellationToken) =>
        ReplaceBySlugAsync(db, content.Categories.Select((c, i) => new Category { Slug = c.Slug, Name = c.Name, Description = c.Description, SortOrder = i }),
            c => c.Slug, (a, b) => a.Name == b.Name && a.Description == b.Description && a.SortOrder == b.SortOrder,
            (target, source) => (target.Name, target.Description, target.SortOrder) = (source.Name, source.Description, source.SortOrder),
            cancellationToken);

    private static Task<bool> SyncProjectsAsync(SiteDbContext db, LoadedContent content, CancellationToken cancellationToken) =>
        ReplaceBySlugAsync(db, content.Projects.Select((p, i) => new Project { Slug = p.Slug, Name = p.Name, Description = p.Description, Url = p.Url, Technologies = [.. p.Technologies], SortOrder = i }),
            p => p.Slug,
            (a, b) => a.Name == b.Name && a.Description == b.Description && a.Url == b.Url && a.Technologies.SequenceEqual(b.Technologies) && a.SortOrder == b.SortOrder,
            (target, source) => (target.Name, target.Description, target.Url, target.Technologies, target.SortOrder) = (source.Name, source.Description, source.Url, source.Technologies, source.SortOrder),
            cancellationToken);

    private static Task<bool> SyncBooksAsync(SiteDbContext db, LoadedContent content, CancellationToken cancellationToken) =>
        ReplaceBySlugAsync(db, content.Books.Select((b, i) => new Book { Slug = b.Slug, Title = b.Title, Author = b.Author, Cover = CoverPath(b.Cover), Quote = b.Quote, Url = b.Url, SortOrder = i }),
            b => b.Slug,
            (a, b) => a.Title == b.Title && a.Author == b.Author && a.Cover == b.Cover && a.Quote == b.Quote && a.Url == b.Url && a.SortOrder == b.SortOrder,
            (target, source) => (target.Title, target.Author, target.Cover, target.Quote, target.Url, target.SortOrder) = (source.Title, source.Author, source.Cover, source.Quote, source.Url, source.SortOrder),
            cancellationToken);

    private static string? CoverPath(string? cover) =>
        cover is null ? null : ContentLinks.Resolve(ContentLoader.BooksFile, cover) is { Target: LinkTarget.ContentFile or LinkTarget.External } resolved ? resolved.Href : null;

    private static Task<bool> SyncPagesAsync(SiteDbContext db, LoadedContent content, CancellationToken cancellationToken) =>
        ReplaceBySlugAsync(db, content.Pages.Select(p => new ContentPage { Slug = p.Slug, Html = p.Html, ContentHash = p.ContentHash }),
            p => p.Slug, (a, b) => a.ContentHash == b.ContentHash,
            (target, source) => (target.Html, target.ContentHash) = (source.Html, source.ContentHash),
            cancellationToken);

    /// <summary>Makes the table hold exactly <paramref name="wanted"/>, writing only rows that differ.</summary>
    private static async Task<bool> ReplaceBySlugAsync<T>(
        SiteDbContext db,
        IEnumerable<T> wanted,
        Func<T, string> slugOf,
        Func<T, T, bool> same,
        Action<T, T> copy,
        CancellationToken cancellationToken)
        where T : class
    {
        var existing = (await db.Set<T>().ToListAsync(cancellationToken)).ToDictionary(slugOf, StringComparer.Ordinal);
        var changed = false;
        foreach (var row in wanted)
        {
            if (!existing.Remove(slugOf(row), out var current))
            {
                db.Add(row);
                changed = true;
            }
            else if (!same(current, row))
            {
                copy(current, row);
                changed = true;
            }
        }

        foreach (var stale in existing.Values)
        {
            db.Remove(stale);
            changed = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>Replaces the stored errors when they differ, keeping when each unchanged error was first seen.</summary>
    private static async Task SyncErrorsAsync(SiteDbContext db, LoadedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Set<ContentError>().ToListAsync(cancellationToken);
        var wanted = content.Errors.Select(e => (Truncate(e.SourcePath, 500), e.Line, Truncate(e.Message, 1000))).ToList();
        foreach (var row in existing)
        {
            if (!wanted.Remove((row.SourcePath, row.Line, row.Message)))
            {
                db.Remove(row);
            }
        }

        foreach (var (sourcePath, line, message) in wanted)
        {
            db.Add(new ContentError { SourcePath = sourcePath, Line = line, Message = message, DetectedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
