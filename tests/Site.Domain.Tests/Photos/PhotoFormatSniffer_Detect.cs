using System.Text;
using Site.Domain.Photos;

namespace Site.Domain.Tests.Photos;

public class PhotoFormatSniffer_Detect
{
    public static TheoryData<byte[], PhotoFormat> Headers => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE1, 0, 0], PhotoFormat.Jpeg },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], PhotoFormat.Png },
        { Encoding.ASCII.GetBytes("GIF89a\x01\0"), PhotoFormat.Gif },
        { Encoding.ASCII.GetBytes("GIF87a\x01\0"), PhotoFormat.Gif },
        { Encoding.ASCII.GetBytes("RIFF\x10\0\0\0WEBPVP8 "), PhotoFormat.WebP },
        { Encoding.ASCII.GetBytes("II*\0\x08\0\0\0"), PhotoFormat.Tiff },
        { Encoding.ASCII.GetBytes("MM\0*\0\0\0\x08"), PhotoFormat.Tiff },
        { Ftyp("heic", "mif1", "heic"), PhotoFormat.Heif },
        { Ftyp("mif1", "mif1", "heic", "miaf"), PhotoFormat.Heif },
        { Ftyp("avif", "mif1", "avif", "miaf"), PhotoFormat.Avif },
        { Ftyp("mif1", "mif1", "avif"), PhotoFormat.Avif },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void RecognisesAcceptedFormatsByTheirFirstBytes(byte[] header, PhotoFormat expected) =>
        Assert.Equal(expected, PhotoFormatSniffer.Detect(header));

    [Theory]
    [InlineData("This is just text pretending to be a JPEG.")]
    [InlineData("")]
    [InlineData("\xFF\xD8")]
    [InlineData("RIFF\x10\0\0\0WAVEfmt ")]
    [InlineData("%PDF-1.7")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    public void RefusesAnythingElse(string header) =>
        Assert.Null(PhotoFormatSniffer.Detect(Encoding.Latin1.GetBytes(header)));

    [Fact]
    public void RefusesVideoInTheSameContainer() => Assert.Null(PhotoFormatSniffer.Detect(Ftyp("isom", "isom", "mp41")));

    [Fact]
    public void EachFormatHasAContentTypeAndExtension()
    {
        foreach (var format in Enum.GetValues<PhotoFormat>())
        {
            Assert.StartsWith("image/", PhotoFormatSniffer.ContentType(format));
            Assert.Matches("^[a-z]{3,4}$", PhotoFormatSniffer.Extension(format));
        }
    }

    private static byte[] Ftyp(string major, params string[] compatible)
    {
        var size = 16 + 4 * compatible.Length;
        var box = new List<byte> { 0, 0, 0, (byte)size };
        box.AddRange(Encoding.ASCII.GetBytes("ftyp" + major));
        box.AddRange([0, 0, 0, 0]);
        foreach (var brand in compatible)
        {
            box.AddRange(Encoding.ASCII.GetBytes(brand));
        }

        box.AddRange(Encoding.ASCII.GetBytes("\0\0\0\x20meta"));
        return box.ToArray();
    }
}

public class PhotoVariantFormats_For
{
    [Theory]
    [InlineData(PhotoFormat.Jpeg, false, PhotoFormat.Jpeg)]
    [InlineData(PhotoFormat.Heif, false, PhotoFormat.Jpeg)]
    [InlineData(PhotoFormat.Tiff, false, PhotoFormat.Jpeg)]
    [InlineData(PhotoFormat.Png, false, PhotoFormat.Png)]
    [InlineData(PhotoFormat.Png, true, PhotoFormat.Png)]
    [InlineData(PhotoFormat.Gif, true, PhotoFormat.Gif)]
    [InlineData(PhotoFormat.WebP, true, PhotoFormat.Png)]
    [InlineData(PhotoFormat.WebP, false, PhotoFormat.Jpeg)]
    public void WebPFirstThenAFallbackThatKeepsTheKind(PhotoFormat source, bool transparent, PhotoFormat fallback) =>
        Assert.Equal([PhotoFormat.WebP, fallback], PhotoVariantFormats.For(source, transparent));

    [Fact]
    public void OnlyJpegNeedsFlattening() =>
        Assert.Equal([PhotoFormat.Jpeg], Enum.GetValues<PhotoFormat>().Where(PhotoVariantFormats.NeedsFlattening));

    [Fact]
    public void KeysStartWithThePhotoId()
    {
        var id = Guid.Parse("2f1c0000-0000-0000-0000-000000000001");
        Assert.Equal("photos/2f1c0000-0000-0000-0000-000000000001/original.heic", PhotoStorageKeys.Original(id, PhotoFormat.Heif));
        Assert.Equal("photos/2f1c0000-0000-0000-0000-000000000001/display-1080x720.webp",
            PhotoStorageKeys.Variant(id, PhotoVariantKind.Display, new PixelSize(1080, 720), PhotoFormat.WebP));
        Assert.Null(Site.Domain.Storage.ObjectKey.Problem(PhotoStorageKeys.Variant(id, PhotoVariantKind.Thumbnail, new PixelSize(400, 300), PhotoFormat.Jpeg)));
    }

    [Fact]
    public void TooLargeMessageNamesTheLimit() =>
        Assert.Contains("100 MB", PhotoUploadLimit.TooLargeMessage(PhotoUploadLimit.DefaultMaxBytes));
}
