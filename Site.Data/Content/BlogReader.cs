using Microsoft.EntityFrameworkCore;
using Site.Data.Persistence;
using Site.Domain.Blog;

namespace Site.Data.Content;

/// <summary>A post as lists show it.</summary>
public sealed record PostSummary(
    PostAddress Address,
    int Number,
    string Title,
    string? Description,
    DateOnly PublishedOn,
    string CategoryName,
    int ReadingMinutes,
    IReadOnlyList<string> Tags,
    bool IsDraft);

/// <summary>A post as its page shows it.</summary>
public sealed record PostDetail(
    PostSummary Summary,
    string Html,
    string? Image,
    int TimesRead,
    string SourcePath,
    DateTimeOffset SyncedAt,
    PostSummary? Previous,
    PostSummary? Next);

/// <summary>A post as feeds show it: the summary and the full HTML.</summary>
public sealed record FeedPost(PostSummary Summary, string Html, DateTimeOffset SyncedAt);

/// <summary>A post as the sitemap lists it.</summary>
public sealed record SitemapPost(PostAddress Address, int Number, DateOnly PublishedOn, DateTimeOffset SyncedAt);

/// <summary>
/// The read side of the blog: every query the public pages, feeds, the API and the sitemap make. Drafts appear only
/// when the caller says the reader may see them, so the rule "drafts are for the admin" is applied by the caller once.
/// </summary>
public sealed class BlogReader(IDbContextFactory<SiteDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PostSummary>> ListAsync(bool includeDrafts, string? category = null, string? tag = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await CategoryNamesAsync(db, cancellationToken);
        var query = Visible(db, includeDrafts);
        if (category is not null)
        {
            query = query.Where(p => p.Category == category);
        }

        if (tag is not null)
        {
            query = query.Where(p => p.Tags.Contains(tag));
        }

        query = Newest(query);
        if (limit is { } take)
        {
            query = query.Take(take);
        }

        return (await query.ToListAsync(cancellationToken)).Select(p => Summarize(p, names)).ToList();
    }

    public async Task<int> CountPublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Visible(db, includeDrafts: false).CountAsync(cancellationToken);
    }

    public async Task<PostDetail?> FindAsync(PostAddress address, bool includeDrafts, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var post = await Visible(db, includeDrafts)
            .FirstOrDefaultAsync(p => p.Category == address.Category && p.Slug == address.Slug, cancellationToken);
        if (post is null)
        {
            return null;
        }

        var names = await CategoryNamesAsync(db, cancellationToken);
        var published = Visible(db, includeDrafts: false);
        var previous = await Newest(published.Where(p => p.PublishedOn < post.PublishedOn || (p.PublishedOn == post.PublishedOn && p.Number < post.Number)))
            .FirstOrDefaultAsync(cancellationToken);
        var next = await published.Where(p => p.PublishedOn > post.PublishedOn || (p.PublishedOn == post.PublishedOn && p.Number > post.Number))
            .OrderBy(p => p.PublishedOn).ThenBy(p => p.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return new PostDetail(
            Summarize(post, names), post.Html, post.Image, post.TimesRead, post.SourcePath, post.SyncedAt,
            previous is null ? null : Summarize(previous, names),
            next is null ? null : Summarize(next, names));
    }

    public async Task<IReadOnlyList<FeedPost>> FeedAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await CategoryNamesAsync(db, cancellationToken);
        var posts = await Newest(Visible(db, includeDrafts: false)).Take(count).ToListAsync(cancellationToken);
        return posts.Select(p => new FeedPost(Summarize(p, names), p.Html, p.SyncedAt)).ToList();
    }

    public async Task<IReadOnlyList<SitemapPost>> SitemapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Newest(Visible(db, includeDrafts: false))
            .Select(p => new SitemapPost(new PostAddress(p.Category, p.Slug), p.Number, p.PublishedOn, p.SyncedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Category>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Category>().AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Project>> ProjectsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Project>().AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Book>> BooksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Book>().AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync(cancellationToken);
    }

    /// <summary>The HTML of a prose page (<c>about</c>), or null when the content has none.</summary>
    public async Task<string?> PageHtmlAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ContentPage>().Where(p => p.Slug == slug).Select(p => p.Html).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The problems the last sync found, for the admin.</summary>
    public async Task<IReadOnlyList<ContentError>> ErrorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ContentError>().AsNoTracking().OrderBy(e => e.SourcePath).ThenBy(e => e.Line).ToListAsync(cancellationToken);
    }

    private static IQueryable<Post> Visible(SiteDbContext db, bool includeDrafts) =>
        includeDrafts ? db.Set<Post>().AsNoTracking() : db.Set<Post>().AsNoTracking().Where(p => !p.IsDraft);

    private static IQueryable<Post> Newest(IQueryable<Post> posts) =>
        posts.OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.Number);

    private static Task<Dictionary<string, string>> CategoryNamesAsync(SiteDbContext db, CancellationToken cancellationToken) =>
        db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Name, cancellationToken);

    private static PostSummary Summarize(Post post, Dictionary<string, string> categoryNames) =>
        new(new PostAddress(post.Category, post.Slug), post.Number, post.Title, post.Description, post.PublishedOn,
            categoryNames.GetValueOrDefault(post.Category, post.Category), post.ReadingMinutes, post.Tags, post.IsDraft);
}
