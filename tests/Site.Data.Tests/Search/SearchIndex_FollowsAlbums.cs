using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Site.Data.Albums;
using Site.Data.Jobs;
using Site.Data.Search;
using Site.Data.Tests.Albums;
using Site.Data.Tests.Photos;
using Site.Domain.Albums;
using Site.Domain.Photos;
using Site.Domain.Search;

namespace Site.Data.Tests.Search;

/// <summary>Albums in the index, and photos found by readers only through a public album.</summary>
public class SearchIndex_FollowsAlbums(PhotoPipelineFixture fixture) : IClassFixture<PhotoPipelineFixture>
{
    private readonly AlbumTestKit _kit = new(fixture);
    private readonly string _word = "w" + Guid.NewGuid().ToString("N")[..8];

    private SearchIndexer Indexer() => new(fixture.Database.CreateContextFactory(),
        [new AlbumSearchSource(), new PhotoSearchSource()], TimeProvider.System, NullLogger<SearchIndexer>.Instance);

    private SearchQueries Queries => new(fixture.Database.CreateContextFactory());

    private async Task<Site.Data.Photos.Photo> ProcessedPhotoAsync(string name)
    {
        var (photo, _) = await _kit.PhotoAsync(name);
        await using var db = fixture.CreateContext();
        await db.Photos.Where(p => p.Id == photo.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PhotoStatus.Complete));
        return photo;
    }

    private async Task<IReadOnlyList<SearchHit>> FindAsync(string query, bool admin) =>
        (await Queries.SearchAsync(new SearchRequest(query, IncludePrivate: admin))).Hits;

    [Fact]
    public async Task APublicAlbumAndItsPhotos_AreFoundByReaders_APrivateAlbumOnlyByTheAdmin()
    {
        var shown = await ProcessedPhotoAsync($"harbour-{_word}.jpg");
        var hidden = await ProcessedPhotoAsync($"garden-{_word}.jpg");
        var publicAlbum = await _kit.AlbumAsync($"Harbour lights {_word}", [shown]);
        await _kit.AlbumAsync($"Family secrets {_word}", [hidden, shown], isPrivate: true);
        await Indexer().RebuildAsync();

        var reader = await FindAsync(_word, admin: false);
        var slug = (await fixture.CreateContext().Albums.SingleAsync(a => a.Id == publicAlbum)).Slug;
        Assert.Contains(reader, h => h.Kind == SearchKind.Album && h.Url == AlbumAddress.Album(slug));
        var photo = Assert.Single(reader, h => h.Kind == SearchKind.Photo);
        Assert.Equal(AlbumAddress.Photo(slug, shown.Id), photo.Url);
        Assert.DoesNotContain(reader, h => h.Title.Contains("secrets", StringComparison.Ordinal) || h.Title.Contains("garden", StringComparison.Ordinal));
        Assert.DoesNotContain("secrets", photo.Description ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secrets", photo.SnippetHtml, StringComparison.OrdinalIgnoreCase);

        var admin = await FindAsync(_word, admin: true);
        Assert.Contains(admin, h => h.Kind == SearchKind.Album && h.Title.Contains("secrets", StringComparison.Ordinal));
        Assert.Contains(admin, h => h.Kind == SearchKind.Photo && h.Url == "/admin/photos/" + hidden.Id.ToString("D"));
    }

    [Fact]
    public async Task MakingAnAlbumPrivate_HidesItAndItsPhotos_AfterTheQueuedUpdate()
    {
        var photo = await ProcessedPhotoAsync($"pier-{_word}.jpg");
        var album = await _kit.AlbumAsync($"Pier at dusk {_word}", [photo]);
        await Indexer().RebuildAsync();
        Assert.Equal(2, (await FindAsync(_word, admin: false)).Count);

        Assert.True(await _kit.Editor.SetSwitchesAsync(album, isPrivate: true, allowDownloads: null));
        await using (var db = fixture.CreateContext())
        {
            // The album's change queued the update in its own transaction; running that job is what hides the rows.
            var queued = await db.Jobs.AsNoTracking().SingleAsync(j => j.Type == UpdateSearchIndex.Definition.Type && j.DebounceKey == "albums");
            var payload = (UpdateSearchIndex)JobPayloads.Deserialize(queued.Payload, typeof(UpdateSearchIndex));
            await new UpdateSearchIndexHandler(Indexer()).RunAsync(payload, new JobRunContext(queued.Id, 1, 1), CancellationToken.None);
        }

        Assert.Empty(await FindAsync(_word, admin: false));
        Assert.Equal(2, (await FindAsync(_word, admin: true)).Count);
    }
}
