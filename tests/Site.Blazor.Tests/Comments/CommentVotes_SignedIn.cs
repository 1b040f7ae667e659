using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Tests.Accounts;
using Site.Data.Comments;
using Site.Data.Content;
using Site.Domain.Blog;
using Site.Domain.Comments;

namespace Site.Blazor.Tests.Comments;

/// <summary>Signed-in readers vote and delete through the forms of the post page, each a POST with its token.</summary>
public sealed class CommentVotes_SignedIn : IAsyncLifetime
{
    private static readonly PostAddress Post = new("tech", "votes");
    private AccountsSite _site = null!;

    public async Task InitializeAsync()
    {
        // The post is made here, not synced from files: a sync would remove it.
        _site = await AccountsSite.StartAsync(s => s["Site:Content:SyncAtStart"] = "false");
        await using var db = _site.Database.CreateContext();
        db.Add(new Post { Number = 1, Category = "tech", Slug = "votes", Title = "Votes", Html = "<p>Body</p>", PlainText = "Body", SourcePath = "posts/tech/0001-votes.md", ContentHash = new string('0', 64) });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private CommentBoard Board => _site.Services.GetRequiredService<CommentBoard>();

    private async Task<long> PublishedCommentAsync(string text, string? userId = null)
    {
        var sent = await Board.SendAsync(Post, null, new CommentSubmission(text, "Someone", null, null), new CommentSender(userId, false, new string('c', 64)));
        await Board.ModerateAsync([sent.CommentId!.Value], ModerationAction.Approve);
        return sent.CommentId!.Value;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(AccountsBrowser browser, long commentId, string action, string? direction = null)
    {
        var page = await browser.GetPageAsync(Post.Path);
        var form = page.Forms.OfType<IHtmlFormElement>().First(f => f.GetAttribute("action") == $"/comments/{commentId}/{action}");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value,
        };
        if (direction is not null)
        {
            fields["direction"] = direction;
        }

        return await browser.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    private async Task<(int Up, int Down, int Score)> CountsAsync(long id)
    {
        await using var db = _site.Database.CreateContext();
        var comment = await db.Set<Comment>().SingleAsync(c => c.Id == id);
        return (comment.UpVotes, comment.DownVotes, comment.Score);
    }

    [Fact]
    public async Task AReaderVotes_UndoesAndSwitches_AndThePageShowsTheirVote()
    {
        var id = await PublishedCommentAsync("Vote on me");
        var reader = await _site.CreateReaderAsync();
        using var browser = _site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "reader password 123");

        using (var up = await SubmitAsync(browser, id, "vote", "up"))
        {
            Assert.Equal($"{Post.Path}#comment-{id}", up.Headers.Location!.OriginalString);
        }

        Assert.Equal((1, 0, 1), await CountsAsync(id));
        var page = await browser.GetPageAsync(Post.Path);
        Assert.Equal("true", page.QuerySelector($"#comment-{id} button[value=up]")!.GetAttribute("aria-pressed"));

        (await SubmitAsync(browser, id, "vote", "down")).Dispose();
        Assert.Equal((0, 1, -1), await CountsAsync(id));
        (await SubmitAsync(browser, id, "vote", "down")).Dispose();
        Assert.Equal((0, 0, 0), await CountsAsync(id));

        using var sideways = await SubmitAsync(browser, id, "vote", "sideways");
        Assert.Equal(HttpStatusCode.BadRequest, sideways.StatusCode);
        Assert.Equal((0, 0, 0), await CountsAsync(id));
    }

    [Fact]
    public async Task AVoteWithoutTheToken_ChangesNothing()
    {
        var id = await PublishedCommentAsync("Guarded");
        var reader = await _site.CreateReaderAsync();
        using var browser = _site.NewBrowser();
        await browser.LogInAsync(reader.Email!, "reader password 123");

        using var response = await browser.Client.PostAsync($"/comments/{id}/vote", new FormUrlEncodedContent(new Dictionary<string, string> { ["direction"] = "up" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0, 0), await CountsAsync(id));
    }

    [Fact]
    public async Task TheAuthorDeletesTheirComment_WithItsReplies_ButNotSomeoneElses()
    {
        var author = await _site.CreateReaderAsync();
        var theirs = await PublishedCommentAsync("Mine", author.Id);
        var reply = await Board.SendAsync(Post, theirs, new CommentSubmission("A reply", null, null, null), new CommentSender(null, true, new string('d', 64)));
        var someoneElses = await PublishedCommentAsync("Not mine");
        using var browser = _site.NewBrowser();
        await browser.LogInAsync(author.Email!, "reader password 123");

        var page = await browser.GetPageAsync(Post.Path);
        Assert.Null(page.QuerySelector($"form[action='/comments/{someoneElses}/delete']"));
        var token = page.QuerySelector($"form[action='/comments/{theirs}/delete'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var notTheirs = await browser.Client.PostAsync($"/comments/{someoneElses}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);

        using var deleted = await SubmitAsync(browser, theirs, "delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using var db = _site.Database.CreateContext();
        Assert.Equal([someoneElses], await db.Set<Comment>().Select(c => c.Id).ToListAsync());
        Assert.NotNull(reply.CommentId);
    }
}
