using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Site.Data.Content;
using Site.Data.Persistence;
using Site.Domain.Blog;
using Site.Domain.Search;

namespace Site.Data.Search;

/// <summary>Posts: title, description and the body's plain text; drafts are private (the admin's only).</summary>
public sealed class PostSearchSource : ISearchSource
{
    public SearchKind Kind => SearchKind.Post;

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(
        SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.Set<Post>().AsNoTracking();
        if (sourceIds is not null)
        {
            var ids = sourceIds.Select(id => int.TryParse(id, out var value) ? value : 0).Where(id => id > 0).ToList();
            query = query.Where(p => ids.Contains(p.Id));
        }

        var posts = query.OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Category, p.Slug, p.Title, p.Description, p.PlainText, p.IsDraft, p.PublishedOn })
            .AsAsyncEnumerable();
        await foreach (var post in posts.WithCancellation(cancellationToken))
        {
            yield return new SearchDocumentInput(
                post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                post.Title,
                post.Description,
                post.PlainText,
                post.Category,
                new PostAddress(post.Category, post.Slug).Path,
                post.IsDraft,
                new DateTimeOffset(post.PublishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }
    }
}

/// <summary>Projects from <c>projects.yml</c>: name, description and technologies; each links to its card on the home page.</summary>
public sealed class ProjectSearchSource : ISearchSource
{
    public SearchKind Kind => SearchKind.Project;

    /// <summary>The home page's anchor of a project's card.</summary>
    public static string Anchor(string slug) => "project-" + slug;

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(
        SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.Set<Project>().AsNoTracking();
        if (sourceIds is not null)
        {
            query = query.Where(p => sourceIds.Contains(p.Slug));
        }

        await foreach (var project in query.OrderBy(p => p.SortOrder).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new SearchDocumentInput(
                project.Slug, project.Name, project.Description, string.Join(", ", project.Technologies), null,
                "/#" + Anchor(project.Slug), false, null);
        }
    }
}

/// <summary>Books from <c>books.yml</c>: title, author (as the description) and the quote; each links to its entry on the home page.</summary>
public sealed class BookSearchSource : ISearchSource
{
    public SearchKind Kind => SearchKind.Book;

    /// <summary>The home page's anchor of a book's entry.</summary>
    public static string Anchor(string slug) => "book-" + slug;

    public async IAsyncEnumerable<SearchDocumentInput> ReadAsync(
        SiteDbContext db, IReadOnlyCollection<string>? sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.Set<Book>().AsNoTracking();
        if (sourceIds is not null)
        {
            query = query.Where(b => sourceIds.Contains(b.Slug));
        }

        await foreach (var book in query.OrderBy(b => b.SortOrder).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new SearchDocumentInput(
                book.Slug, book.Title, "by " + book.Author, book.Quote ?? "", null, "/#" + Anchor(book.Slug), false, null);
        }
    }
}
