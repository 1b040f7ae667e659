using System.Security.Cryptography;
using Site.Data.Photos;

namespace Site.Data.Tests.Photos;

public class UploadReadStream_Read
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReturnsTheHeaderThenTheRestAndHashesEveryByte(bool asynchronous)
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        using var stream = new UploadReadStream(bytes.AsMemory(0, 64), new MemoryStream(bytes, 64, bytes.Length - 64), maxBytes: bytes.Length);
        using var copy = new MemoryStream();

        if (asynchronous)
        {
            await stream.CopyToAsync(copy);
        }
        else
        {
            stream.CopyTo(copy);
        }

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, stream.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stream.Sha256Hex());
    }

    [Fact]
    public void ThrowsAsSoonAsTheLimitIsPassed()
    {
        var bytes = new byte[5000];
        using var stream = new UploadReadStream(bytes.AsMemory(0, 10), new MemoryStream(bytes, 10, bytes.Length - 10), maxBytes: 4096);
        Assert.Throws<UploadTooLargeException>(() => stream.CopyTo(Stream.Null));
    }
}
