using Site.Domain.Albums;

namespace Site.Domain.Tests.Albums;

public class AlbumZipEntries_Names
{
    [Fact]
    public void NumbersEntriesInOrder_WithTheOriginalName()
    {
        Assert.Equal(["001_beach.jpg", "002_dunes.heic", "003_photo"], AlbumZipEntries.Names(["beach.jpg", "dunes.heic", ""]));
    }

    [Fact]
    public void MakesRepeatedNamesUnique_WithoutRegardToCase()
    {
        var names = AlbumZipEntries.Names(["IMG_1.jpg", "img_1.JPG", "IMG_1.jpg"]);
        Assert.Equal(["001_IMG_1.jpg", "002_img_1.JPG", "003_IMG_1.jpg"], names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void UsesMoreDigitsForALargeAlbum_SoNamesSortInOrder()
    {
        var names = AlbumZipEntries.Names(Enumerable.Range(0, 1200).Select(i => "a.jpg").ToList());
        Assert.Equal("0001_a.jpg", names[0]);
        Assert.Equal("1200_a.jpg", names[^1]);
        Assert.Equal(names, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StripsPathsAndHostileCharactersFromNames()
    {
        var names = AlbumZipEntries.Names(["../../etc/passwd", "C:\\Windows\\evil.exe", "a\u202Egpj.exe"]);
        Assert.Equal(["001_passwd", "002_evil.exe", "003_agpj.exe"], names);
        Assert.All(names, n => Assert.DoesNotContain("/", n));
    }

    [Fact]
    public void ContentHash_ChangesWithOrderAndBytes_NotWithIdentity()
    {
        var a = new AlbumZipSource(Guid.NewGuid(), new string('a', 64), "a.jpg");
        var b = new AlbumZipSource(Guid.NewGuid(), new string('b', 64), "b.jpg");
        Assert.Equal(AlbumZipEntries.ContentHash([a, b]), AlbumZipEntries.ContentHash([a with { PhotoId = Guid.NewGuid() }, b]));
        Assert.NotEqual(AlbumZipEntries.ContentHash([a, b]), AlbumZipEntries.ContentHash([b, a]));
        Assert.NotEqual(AlbumZipEntries.ContentHash([a, b]), AlbumZipEntries.ContentHash([a, b with { Sha256 = new string('c', 64) }]));
        Assert.NotEqual(AlbumZipEntries.ContentHash([a]), AlbumZipEntries.ContentHash([a, b]));
    }
}
