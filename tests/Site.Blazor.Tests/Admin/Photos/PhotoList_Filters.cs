using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Site.Blazor.Components.Pages.Admin.Photos;
using Site.Data.Albums;
using Site.Data.Photos;
using Site.Domain.Photos;

namespace Site.Blazor.Tests.Admin.Photos;

/// <summary>The admin's photo list on planted photos: its address, filters, pages and "reprocess selected".</summary>
public sealed class PhotoList_Filters : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstUpload = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly PhotoAdminContext _context = new();

    /// <summary>Planted photos, oldest first: one uploaded each day from <see cref="FirstUpload"/>.</summary>
    private readonly List<Guid> _photos = [];

    /// <summary>Each step waits on PostgreSQL; a busy machine can take seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public Task InitializeAsync() => _context.InitializeAsync();

    public Task DisposeAsync() => _context.DisposeAsync();

    [Theory]
    [InlineData("?page=99999", 2)]
    [InlineData("?page=-1", 1)]
    [InlineData("?page=x&status=%3Cscript%3E&from=2024-02-30&to=yesterday&dates=exif&duplicates=maybe&camera=", 1)]
    [InlineData("?page=2&page=1", 2)]
    public async Task AnyAddressShowsAList_NeverAnError(string query, int shownPage)
    {
        await PlantAsync(60);

        var page = Open("/admin/photos" + query);

        page.WaitForAssertion(() =>
        {
            Assert.Equal($"60 photos · page {shownPage} of 2", page.Find("[data-test=count]").TextContent.Trim());
            Assert.Equal(shownPage == 1 ? 50 : 10, Rows(page).Count);
        }, Patience);
    }

    [Fact]
    public async Task PagesShowTheNewestFirst_AndThePageGoesIntoTheAddress()
    {
        await PlantAsync(60);
        var page = Open("/admin/photos");
        page.WaitForAssertion(() => Assert.Equal($"photo-{_photos[^1]}", Rows(page)[0]), Patience);

        await page.InvokeAsync(() => page.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(2));

        page.WaitForAssertion(() => Assert.Equal(_photos.Take(10).Reverse().Select(id => $"photo-{id}"), Rows(page)), Patience);
        Assert.EndsWith("/admin/photos?page=2", Navigation.Uri);
    }

    [Fact]
    public async Task ChangingAFilterGoesBackToPageOne_AndKeepsTheFilterInTheAddress()
    {
        await PlantAsync(60);
        var page = Open("/admin/photos?page=2");
        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count), Patience);

        var status = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Status");
        await page.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(nameof(PhotoStatus.Pending)));

        page.WaitForAssertion(() => Assert.Equal("60 photos · page 1 of 2", page.Find("[data-test=count]").TextContent.Trim()), Patience);
        Assert.EndsWith("/admin/photos?status=Pending", Navigation.Uri);

        await page.InvokeAsync(() => page.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-test=no-photos]")), Patience);
        Assert.Contains("duplicates=true", Navigation.Uri, StringComparison.Ordinal);

        page.Find("[data-test=clear-filters]").Click();
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count), Patience);
        Assert.EndsWith("/admin/photos", Navigation.Uri);
    }

    [Fact]
    public async Task ADateRangeGivenBackwardsListsTheDaysBetween_AndTakenDatesLeaveOutPhotosWithoutOne()
    {
        await PlantAsync(10, takenEveryOther: true);
        var page = Open("/admin/photos");
        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count), Patience);

        // Uploads of the 3rd to the 5th day, picked end first.
        var picker = page.FindComponent<MudDateRangePicker>();
        await page.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2024, 3, 5), new DateTime(2024, 3, 3))));

        page.WaitForAssertion(() => Assert.Equal(_photos.Skip(2).Take(3).Reverse().Select(id => $"photo-{id}"), Rows(page)), Patience);
        Assert.Contains("from=2024-03-03&to=2024-03-05", Navigation.Uri, StringComparison.Ordinal);

        var field = page.FindComponents<MudSelect<PhotoDateField>>().Single();
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(PhotoDateField.Taken));

        // Taken a year before each upload, on every other photo only: none in the upload days' range.
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-test=no-photos]")), Patience);
        await page.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2023, 3, 1), new DateTime(2023, 3, 10))));
        page.WaitForAssertion(() =>
        {
            Assert.Equal(_photos.Where((_, i) => i % 2 == 0).Reverse().Select(id => $"photo-{id}"), Rows(page));
            Assert.NotNull(page.Find("[data-test=taken-note]"));
        }, Patience);
        Assert.Contains("dates=taken", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAlbumFilter_ListsThatAlbumsPhotos_FromTheAddressAndFromTheChoice()
    {
        await PlantAsync(10);
        var album = new Album { Id = Guid.NewGuid(), Title = "Harbour", Slug = "harbour", CreatedAt = FirstUpload, UpdatedAt = FirstUpload };
        await using (var db = _context.Database.CreateContext())
        {
            db.Albums.Add(album);
            db.AlbumPhotos.AddRange(_photos.Skip(2).Take(2).Select((id, i) => new AlbumPhoto { AlbumId = album.Id, PhotoId = id, DisplayOrder = i }));
            await db.SaveChangesAsync();
        }

        var inAlbum = _photos.Skip(2).Take(2).Reverse().Select(id => $"photo-{id}").ToList();
        var page = Open($"/admin/photos?album={album.Id:D}");
        page.WaitForAssertion(() => Assert.Equal(inAlbum, Rows(page)), Patience);

        var choice = page.FindComponents<MudSelect<Guid?>>().Single(s => s.Instance.Label == "Album");
        await page.InvokeAsync(() => choice.Instance.ValueChanged.InvokeAsync(null));
        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count), Patience);
        Assert.EndsWith("/admin/photos", Navigation.Uri);

        await page.InvokeAsync(() => choice.Instance.ValueChanged.InvokeAsync(album.Id));
        page.WaitForAssertion(() => Assert.Equal(inAlbum, Rows(page)), Patience);
        Assert.Contains($"album={album.Id:D}", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReprocessSelected_QueuesPhotosChosenOnSeveralPages()
    {
        await PlantAsync(60);
        var page = Open("/admin/photos");
        page.WaitForAssertion(() => Assert.Equal(50, Rows(page).Count), Patience);

        var newest = SelectBox(page, _photos[^1]);
        await page.InvokeAsync(() => newest.Instance.ValueChanged.InvokeAsync(true));
        await page.InvokeAsync(() => page.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(2));
        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count), Patience);
        var wholePage = page.FindComponents<MudCheckBox<bool>>().Single(c => Attribute(c, "data-test") == "select-page");
        await page.InvokeAsync(() => wholePage.Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Contains("Reprocess selected (11)", page.Find("[data-test=reprocess]").TextContent, StringComparison.Ordinal), Patience);

        page.Find("[data-test=reprocess]").Click();

        page.WaitForAssertion(() => Assert.Contains("11 photos were queued", page.Find("[data-test=message]").TextContent, StringComparison.Ordinal), Patience);
        await using var db = _context.Database.CreateContext();
        var queued = await db.Jobs.Where(j => j.Type == ProcessPhoto.Definition.Type).Select(j => j.DebounceKey).ToListAsync();
        Assert.Equal(_photos.Take(10).Append(_photos[^1]).Select(id => id.ToString("D")).Order(), queued.Order());
        page.WaitForAssertion(() => Assert.Contains("Reprocess selected (0)", page.Find("[data-test=reprocess]").TextContent, StringComparison.Ordinal), Patience);
    }

    private NavigationManager Navigation => _context.Navigation;

    private IRenderedComponent<PhotoList> Open(string address)
    {
        Navigation.NavigateTo(address);
        return _context.Bunit.Render<PhotoList>();
    }

    private static List<string> Rows(IRenderedComponent<PhotoList> page) =>
        page.FindAll("tr[data-test^=photo-]").Select(r => r.GetAttribute("data-test")!).ToList();

    private static IRenderedComponent<MudCheckBox<bool>> SelectBox(IRenderedComponent<PhotoList> page, Guid photo) =>
        page.FindComponents<MudCheckBox<bool>>().Single(c => Attribute(c, "aria-label") == $"Select {photo:N}.jpg");

    private static string? Attribute(IRenderedComponent<MudCheckBox<bool>> box, string name) =>
        box.Instance.UserAttributes.TryGetValue(name, out var value) ? value?.ToString() : null;

    private async Task PlantAsync(int count, bool takenEveryOther = false)
    {
        var photos = Enumerable.Range(0, count).Select(i =>
        {
            var photo = PhotoAdminContext.Row(FirstUpload.AddDays(i));
            photo.TakenAt = takenEveryOther && i % 2 == 0 ? new DateTime(2023, 3, 1, 8, 0, 0).AddDays(i) : null;
            return photo;
        }).ToArray();
        await _context.PlantAsync(photos);
        _photos.AddRange(photos.Select(p => p.Id));
    }
}
