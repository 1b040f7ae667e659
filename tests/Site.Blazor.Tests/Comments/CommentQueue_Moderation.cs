using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Site.Blazor.Components.Pages.Admin.Comments;
using Site.Data.Comments;
using Site.Data.Content;
using Site.Data.Persistence;
using Site.Domain.Blog;
using Site.Domain.Comments;
using Site.TestSupport;

namespace Site.Blazor.Tests.Comments;

/// <summary>The moderation queue rendered by bUnit as an interactive component, on the real comment board and PostgreSQL.</summary>
public sealed class CommentQueue_Moderation : IAsyncLifetime
{
    private static readonly PostAddress Queues = new("tech", "queues");
    private static readonly PostAddress Caches = new("tech", "caches");
    private readonly BunitContext _bunit = new();
    private readonly RecordingCache _cache = new();
    private TestDatabase _database = null!;
    private CommentBoard _board = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            db.Add(new Post { Number = 1, Category = "tech", Slug = "queues", Title = "Queues", Html = "", PlainText = "", SourcePath = "a", ContentHash = new string('0', 64) });
            db.Add(new Post { Number = 2, Category = "tech", Slug = "caches", Title = "Caches", Html = "", PlainText = "", SourcePath = "b", ContentHash = new string('0', 64) });
            await db.SaveChangesAsync();
        }

        _board = new CommentBoard(_database.CreateContextFactory(), TimeProvider.System);
        var services = _bunit.Services;
        services.AddMudServices();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(_board);
        services.AddSingleton<IOutputCacheStore>(_cache);
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<long> PendingAsync(PostAddress post, string text) =>
        (await _board.SendAsync(post, null, new CommentSubmission(text, "Eve", "eve@example.org", null), new CommentSender(null, false, Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")))).CommentId!.Value;

    private async Task<CommentStatus> StatusAsync(long id)
    {
        await using var db = _database.CreateContext();
        return await db.Set<Comment>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
    }

    [Fact]
    public async Task ShowsPendingComments_AndApprovesOne_EvictingItsPost()
    {
        var id = await PendingAsync(Queues, "Hello *there*");
        var page = _bunit.Render<CommentQueue>();

        page.WaitForAssertion(() => Assert.Contains("there", page.Find($"[data-test=comment-{id}]").TextContent));
        Assert.Contains("eve@example.org", page.Find($"[data-test=comment-{id}]").TextContent);
        page.Find($"[data-test=comment-{id}] button[data-test=approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("1 comment approved", page.Find("[data-test=message]").TextContent));
        Assert.Equal(CommentStatus.Approved, await StatusAsync(id));
        Assert.Contains("post:tech/queues", _cache.Evicted);
        Assert.Empty(page.FindAll($"[data-test=comment-{id}]")); // the queue shows pending ones by default
    }

    [Fact]
    public async Task RejectsWithTheNote()
    {
        var id = await PendingAsync(Queues, "Off topic");
        var page = _bunit.Render<CommentQueue>();
        page.WaitForAssertion(() => page.Find($"[data-test=comment-{id}]"));

        page.Find("input[data-test=note], [data-test=note] input").Change("Not about the post");
        page.Find($"[data-test=comment-{id}] button[data-test=reject]").Click();

        page.WaitForAssertion(() => Assert.Contains("rejected", page.Find("[data-test=message]").TextContent));
        var rejected = Assert.Single(await _board.QueueAsync(CommentStatus.Rejected, null));
        Assert.Equal("Not about the post", rejected.ModerationNote);
    }

    [Fact]
    public async Task MarksTheSelectedAsSpam_InBulk()
    {
        var first = await PendingAsync(Queues, "Spam one");
        var second = await PendingAsync(Caches, "Spam two");
        var kept = await PendingAsync(Caches, "A real comment");
        var page = _bunit.Render<CommentQueue>();
        page.WaitForAssertion(() => page.Find($"[data-test=comment-{kept}]"));

        page.Find($"[data-test=comment-{first}] input[type=checkbox]").Change(true);
        page.Find($"[data-test=comment-{second}] input[type=checkbox]").Change(true);
        page.Find("button[data-test=bulk-spam]").Click();

        page.WaitForAssertion(() => Assert.Contains("2 comments marked as spam", page.Find("[data-test=message]").TextContent));
        Assert.Equal(CommentStatus.Spam, await StatusAsync(first));
        Assert.Equal(CommentStatus.Spam, await StatusAsync(second));
        Assert.Equal(CommentStatus.Pending, await StatusAsync(kept));
    }

    [Fact]
    public async Task FiltersByPost()
    {
        var onQueues = await PendingAsync(Queues, "On queues");
        var onCaches = await PendingAsync(Caches, "On caches");
        _bunit.Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/comments?post={Uri.EscapeDataString(Queues.Path)}&status=any");

        var page = _bunit.Render<CommentQueue>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-test=comment-{onQueues}]")));
        Assert.Empty(page.FindAll($"[data-test=comment-{onCaches}]"));
    }

    private sealed class RecordingCache : IOutputCacheStore
    {
        public List<string> Evicted { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            Evicted.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
