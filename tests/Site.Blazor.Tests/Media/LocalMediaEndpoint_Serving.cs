using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Site.Data.Storage;
using Site.TestSupport;

namespace Site.Blazor.Tests.Media;

/// <summary>
/// The site, on Kestrel, with a few objects in its local media store. Kestrel rather than the in-memory test server,
/// because how request paths are decoded is part of what keeps /media/ inside its folder.
/// </summary>
public sealed class LocalMediaSite : IAsyncLifetime
{
    public const string PublicKey = "tests/public.txt";
    public const string PrivateKey = "tests/private.txt";
    public const string PublicText = "hello, media!";
    public const string PrivateText = "for your eyes only";
    public const string OutsideSecret = "TOP-SECRET-OUTSIDE-THE-STORE";

    private TestDatabase? _database;

    public SiteWebFactory Factory { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public LocalFolderStorage Storage => Factory.Services.GetRequiredService<LocalFolderStorage>();

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Factory = new SiteWebFactory(_database.ConnectionString);
        Address = Factory.StartKestrel();
        await Storage.PutAsync(PublicKey, new MemoryStream(Encoding.UTF8.GetBytes(PublicText)), "text/plain", ObjectVisibility.Public);
        await Storage.PutAsync(PrivateKey, new MemoryStream(Encoding.UTF8.GetBytes(PrivateText)), "text/plain", ObjectVisibility.Private);
        // Files beside the store, which no /media/ URL may ever reach.
        await File.WriteAllTextAsync(Path.Combine(Factory.DataFolder, "outside.txt"), OutsideSecret);
        await File.WriteAllTextAsync(Path.Combine(Factory.MediaFolder, "outside.txt"), OutsideSecret);
    }

    /// <summary>Sends <paramref name="pathAndQuery"/> exactly as written: no client-side unescaping or dot-segment removal.</summary>
    public async Task<HttpResponseMessage> GetRawAsync(string pathAndQuery, RangeHeaderValue? range = null)
    {
        var uri = new Uri(Address.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Range = range;
        return await Client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>/media/ serves public objects to anyone and private ones only with a valid, unexpired signature (functional).</summary>
public class LocalMediaEndpoint_Serving(LocalMediaSite site) : IClassFixture<LocalMediaSite>
{
    [Fact]
    public async Task ServesAPublicObject_WithItsTypeAndPublicCaching()
    {
        using var response = await site.GetRawAsync(site.Storage.GetPublicUrl(LocalMediaSite.PublicKey).OriginalString);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LocalMediaSite.PublicText, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        Assert.Contains("bytes", response.Headers.AcceptRanges);
    }

    [Fact]
    public async Task ServesAByteRange_With206()
    {
        using var response = await site.GetRawAsync("/media/" + LocalMediaSite.PublicKey, new RangeHeaderValue(7, 11));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("media", await response.Content.ReadAsStringAsync());
        Assert.Equal($"bytes 7-11/{LocalMediaSite.PublicText.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task HidesAPrivateObject_WithoutASignature()
    {
        using var response = await site.GetRawAsync("/media/" + LocalMediaSite.PrivateKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(LocalMediaSite.PrivateText, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ServesAPrivateObject_ToASignedUrl_WithoutSharedCaching()
    {
        var signed = site.Storage.GetSignedUrl(LocalMediaSite.PrivateKey, TimeSpan.FromMinutes(5));

        using var response = await site.GetRawAsync(signed.OriginalString);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LocalMediaSite.PrivateText, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task HidesAPrivateObject_FromATamperedSignature()
    {
        var signed = site.Storage.GetSignedUrl(LocalMediaSite.PrivateKey, TimeSpan.FromMinutes(5)).OriginalString;
        var lastChar = signed[^1];
        var tampered = signed[..^1] + (lastChar == 'A' ? 'B' : 'A');

        using var response = await site.GetRawAsync(tampered);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HidesAPrivateObject_WhenTheExpiryIsPushedBack()
    {
        var signed = site.Storage.GetSignedUrl(LocalMediaSite.PrivateKey, TimeSpan.FromMinutes(5)).OriginalString;
        var expires = long.Parse(signed.Split("expires=")[1].Split('&')[0]);

        using var response = await site.GetRawAsync(signed.Replace($"expires={expires}", $"expires={expires + 86400}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HidesAnotherObject_FromASignatureMadeForOne()
    {
        await site.Storage.PutAsync("tests/other-private.txt", new MemoryStream("other"u8.ToArray()), "text/plain", ObjectVisibility.Private);
        var signed = site.Storage.GetSignedUrl(LocalMediaSite.PrivateKey, TimeSpan.FromMinutes(5)).OriginalString;

        using var response = await site.GetRawAsync(signed.Replace(LocalMediaSite.PrivateKey, "tests/other-private.txt", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HidesAPrivateObject_FromAnExpiredSignedUrl()
    {
        var expired = site.Storage.GetSignedUrl(LocalMediaSite.PrivateKey, TimeSpan.FromMinutes(-1));

        using var response = await site.GetRawAsync(expired.OriginalString);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnswersNotFound_ForAMissingObject()
    {
        using var response = await site.GetRawAsync("/media/tests/missing.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/media/..%2f..%2fetc/passwd")]
    [InlineData("/media/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/media/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/media/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/media/../../../../../etc/passwd")]
    [InlineData("/media/..%5c..%5c..%5c..%5cetc%5cpasswd")]
    [InlineData("/media/....//....//....//etc/passwd")]
    [InlineData("/media//etc/passwd")]
    [InlineData("/media/%2fetc%2fpasswd")]
    [InlineData("/media/%252e%252e%252f%252e%252e%252fetc%252fpasswd")]
    [InlineData("/media/..;/..;/etc/passwd")]
    [InlineData("/media/..%2foutside.txt")]
    [InlineData("/media/..%2f..%2foutside.txt")]
    [InlineData("/media/tests/..%2f..%2f..%2foutside.txt")]
    [InlineData("/media/..%2f.signing-key")]
    [InlineData("/media/..%2fmeta%2ftests%2fprivate.txt.json")]
    [InlineData("/media/tests%2f..%2f..%2fobjects%2ftests%2fprivate.txt")]
    public async Task NeverServesAFileOutsideTheStore(string path)
    {
        using var response = await site.GetRawAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", body);
        Assert.DoesNotContain(LocalMediaSite.OutsideSecret, body);
        Assert.DoesNotContain(LocalMediaSite.PrivateText, body);
        Assert.DoesNotContain(await File.ReadAllTextAsync(Path.Combine(site.Factory.MediaFolder, ".signing-key")), body);
    }
}
