using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Site.Blazor.Tests.Blog;
using Site.Data.Comments;
using Site.Domain.Comments;

namespace Site.Blazor.Tests.Comments;

/// <summary>
/// Commenting through the web host as a browser does it: the cached post page, the token endpoint, the comment page,
/// and every way a hostile or careless request is refused without storing anything.
/// </summary>
public sealed class CommentEndpoints_Flows(BlogSiteFixture site) : IClassFixture<BlogSiteFixture>
{
    private const string PostPath = "/b/personal/hello-again/";
    private static readonly HtmlParser Parser = new();

    /// <summary>Each test is its own client (address and user agent), so the rate limit of one never touches another.</summary>
    private HttpClient NewReader() => site.Anonymous(BlogSiteFixture.BrowserAgent + " test/" + Guid.NewGuid().ToString("N"));

    private static async Task<(string Field, string Token)> TokenAsync(HttpClient client)
    {
        var answer = await client.GetFromJsonAsync<TokenAnswer>("/api/antiforgery");
        return (answer!.Field, answer.Token);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string postPath, Dictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields) { ["_handler"] = "comment" };
        if (withToken)
        {
            var (field, token) = await TokenAsync(client);
            form[field] = token;
        }

        return await client.PostAsync(postPath + "comment", new FormUrlEncodedContent(form));
    }

    private async Task<int> CommentCountAsync()
    {
        await using var db = site.Database.CreateContext();
        return await db.Set<Comment>().CountAsync();
    }

    [Fact]
    public async Task TheCachedPostPage_HoldsTheFormWithoutAToken_AndSetsNoCookie()
    {
        using var reader = NewReader();

        using var first = await reader.GetAsync(PostPath);
        var page = Parser.ParseDocument(await first.Content.ReadAsStringAsync());

        Assert.False(first.Headers.Contains("Set-Cookie"));
        // A later request is answered from the output cache. (A comment change of an earlier test may evict the entry
        // once when its notice arrives late, so the page gets a few chances to be cached again.)
        var cached = false;
        for (var attempt = 0; attempt < 5 && !cached; attempt++)
        {
            using var again = await reader.GetAsync(PostPath);
            Assert.False(again.Headers.Contains("Set-Cookie"));
            cached = again.Headers.Age is not null;
        }

        Assert.True(cached, "the post page was never served from the output cache");
        var form = page.QuerySelector("form[data-comment-form]")!;
        Assert.True(form.HasAttribute("hidden"), "without script the form stays hidden behind the link to the comment page");
        Assert.Equal(PostPath + "comment", form.GetAttribute("action"));
        Assert.Equal("", form.QuerySelector("input[data-antiforgery]")!.GetAttribute("value"));
        Assert.Equal(PostPath + "comment", page.QuerySelector("a[data-comment-link]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("script[src*='comments']"));
    }

    [Fact]
    public async Task TheTokenEndpoint_IsNeverCached_AndSetsTheCookie()
    {
        using var reader = NewReader();

        using var response = await reader.GetAsync("/api/antiforgery");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.True(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AReaderComments_SeesAwaitingModeration_AndThePostShowsItOnceApproved()
    {
        using var reader = NewReader();
        (await reader.GetAsync(PostPath)).Dispose(); // the page is now cached without the comment
        var text = "A reader's *thought* " + Guid.NewGuid().ToString("N");

        using var sent = await SendAsync(reader, PostPath, new() { ["Input.Content"] = text, ["Input.Name"] = "Dana" });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var outcome = await reader.GetStringAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("awaiting moderation", outcome);
        Assert.DoesNotContain(text, await reader.GetStringAsync(PostPath));

        await using (var db = site.Database.CreateContext())
        {
            var id = await db.Set<Comment>().Where(c => c.Markdown == text).Select(c => c.Id).SingleAsync();
            await site.Factory.Services.GetRequiredService<CommentBoard>().ModerateAsync([id], ModerationAction.Approve);
        }

        await AssertEventuallyAsync(async () =>
        {
            var page = Parser.ParseDocument(await NewReader().GetStringAsync(PostPath));
            var comment = page.QuerySelectorAll("li.comment").SingleOrDefault(c => c.TextContent.Contains("A reader's"));
            Assert.NotNull(comment);
            Assert.Equal("Dana", comment.QuerySelector(".comment-author")!.TextContent);
            Assert.NotNull(comment.QuerySelector(".comment-body em"));
        });
    }

    [Fact]
    public async Task TheCommentPage_WorksWithoutScript()
    {
        using var reader = NewReader();
        var page = Parser.ParseDocument(await reader.GetStringAsync(PostPath + "comment"));
        var form = page.QuerySelector("form.comment-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Content"] = "Sent from a browser without script";

        using var sent = await reader.PostAsync(PostPath + "comment", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("sent=pending", sent.Headers.Location!.OriginalString);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    public static TheoryData<string, Dictionary<string, string>, int, string> Refusals => new()
    {
        { "blank", new() { ["Input.Content"] = "   " }, 400, CommentRules.Blank },
        { "oversize", new() { ["Input.Content"] = string.Concat(Enumerable.Repeat("long ", 401)) }, 400, CommentRules.TooLong },
        { "honeypot", new() { ["Input.Content"] = "Hi", ["Input.Website"] = "https://spam.example" }, 400, CommentRules.HoneypotFilled },
        { "links", new() { ["Input.Content"] = "https://a.example https://b.example https://c.example https://d.example" }, 400, CommentRules.TooManyLinks },
        { "repeats", new() { ["Input.Content"] = "Wow!!!!!!!!!!!" }, 400, CommentRules.RepeatedCharacters },
        { "long name", new() { ["Input.Content"] = "Hi", ["Input.Name"] = new string('n', 101) }, 400, CommentRules.NameTooLong },
        { "bad email", new() { ["Input.Content"] = "Hi", ["Input.Email"] = "<script>" }, 400, CommentRules.BadEmail },
        { "missing parent", new() { ["Input.Content"] = "Hi", ["Input.ParentId"] = "987654321" }, 400, CommentRules.UnknownParent },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadComments_AreRefusedWithTheirSentence_AndNothingIsStored(string why, Dictionary<string, string> fields, int status, string message)
    {
        using var reader = NewReader();
        var before = await CommentCountAsync();

        using var response = await SendAsync(reader, PostPath, fields);

        Assert.True((int)response.StatusCode == status, $"{why}: answered {(int)response.StatusCode}");
        var problem = Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-test=comment-problem]");
        Assert.Equal(message, problem?.TextContent);
        Assert.Equal(before, await CommentCountAsync());
    }

    [Fact]
    public async Task ACommentOnAPostThatDoesNotExist_IsRefusedClearly()
    {
        using var reader = NewReader();
        var before = await CommentCountAsync();

        using var response = await SendAsync(reader, "/b/personal/no-such-post/", new() { ["Input.Content"] = "Hello?" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(CommentRules.UnknownPost, page.QuerySelector("[data-test=comment-problem]")?.TextContent);
        Assert.Null(page.QuerySelector("form.comment-form"));
        Assert.Equal(before, await CommentCountAsync());
    }

    [Fact]
    public async Task WithoutAToken_OrWithAnotherReadersToken_NothingIsStored()
    {
        using var reader = NewReader();
        using var attacker = NewReader();
        var before = await CommentCountAsync();
        var (field, stolen) = await TokenAsync(attacker);
        (await reader.GetAsync("/api/antiforgery")).Dispose(); // the reader holds a cookie of their own

        using var withoutToken = await SendAsync(reader, PostPath, new() { ["Input.Content"] = "No token" }, withToken: false);
        using var withStolenToken = await reader.PostAsync(PostPath + "comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "comment",
            [field] = stolen,
            ["Input.Content"] = "Someone else's token",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withStolenToken.StatusCode);
        Assert.Equal(before, await CommentCountAsync());
    }

    [Fact]
    public async Task TheSixthCommentInAnHour_IsRefused()
    {
        using var reader = NewReader();
        for (var i = 0; i < CommentRateLimit.PerHour; i++)
        {
            using var accepted = await SendAsync(reader, PostPath, new() { ["Input.Content"] = $"Comment number {i}" });
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var refused = await SendAsync(reader, PostPath, new() { ["Input.Content"] = "One too many" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(CommentRateLimit.HourlyLimitReached), await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheAdmin_SeesPendingComments_AndApprovesOnThePostPage()
    {
        using var reader = NewReader();
        var text = "Please approve " + Guid.NewGuid().ToString("N");
        (await SendAsync(reader, PostPath, new() { ["Input.Content"] = text })).Dispose();
        using var admin = site.Admin();

        var page = Parser.ParseDocument(await admin.GetStringAsync(PostPath));
        var pending = page.QuerySelectorAll("li.comment").Single(c => c.TextContent.Contains(text));
        Assert.Contains("Awaiting moderation", pending.TextContent);
        var approve = pending.QuerySelector("form[action$='/approve']")!;
        var token = approve.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var withoutToken = await admin.PostAsync(approve.GetAttribute("action"), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        using var approved = await admin.PostAsync(approve.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.StartsWith(PostPath + "#comment-", approved.Headers.Location!.OriginalString);
        await AssertEventuallyAsync(async () => Assert.Contains(text, await NewReader().GetStringAsync(PostPath)));
    }

    [Theory]
    [InlineData("/comments/1/vote")]
    [InlineData("/comments/1/delete")]
    [InlineData("/comments/1/approve")]
    public async Task ActionsRefuseAnonymousReaders(string path)
    {
        using var reader = NewReader();
        var (field, token) = await TokenAsync(reader);

        using var response = await reader.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { [field] = token, ["direction"] = "up" }));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
            $"answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        }
    }

    private static async Task AssertEventuallyAsync(Func<Task> assertion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private sealed record TokenAnswer(string Token, string Field);
}
