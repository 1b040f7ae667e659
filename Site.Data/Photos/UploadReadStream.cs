using System.Security.Cryptography;

namespace Site.Data.Photos;

/// <summary>
/// Reads an upload once, in order: the header bytes already read for sniffing, then the rest of the source. Hashes
/// SHA-256 on the way and throws <see cref="UploadTooLargeException"/> as soon as more than the limit has come through,
/// so the store's put fails (and leaves nothing) without the whole file ever being buffered.
/// </summary>
internal sealed class UploadReadStream(ReadOnlyMemory<byte> header, Stream source, long maxBytes) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _headerPosition;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of everything read, in lowercase hex; call once, after the end was reached.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(_sha256.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = ReadHeader(buffer);
        return Account(buffer, read > 0 ? read : source.Read(buffer));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = ReadHeader(buffer.Span);
        if (read == 0)
        {
            read = await source.ReadAsync(buffer, cancellationToken);
        }

        return Account(buffer.Span, read);
    }

    private int ReadHeader(Span<byte> buffer)
    {
        var read = Math.Min(buffer.Length, header.Length - _headerPosition);
        header.Span.Slice(_headerPosition, read).CopyTo(buffer);
        _headerPosition += read;
        return read;
    }

    private int Account(ReadOnlySpan<byte> buffer, int read)
    {
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new UploadTooLargeException(maxBytes);
        }

        _sha256.AppendData(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>The upload went past the size limit; the partial file must not be kept.</summary>
internal sealed class UploadTooLargeException(long maxBytes) : IOException($"The upload exceeds {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
