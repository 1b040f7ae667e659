namespace Site.Data.Tests.Storage;

/// <summary>
/// A read-only stream that cannot seek or tell its length, like an HTTP request body or a pipe: uploads must work
/// without knowing the size up front. After <paramref name="failAfter"/> bytes it throws, as a dropped upload does.
/// </summary>
internal sealed class OneWayStream(byte[] data, long failAfter = long.MaxValue) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("This stream's length is unknown.");

    public override long Position
    {
        get => throw new NotSupportedException("This stream cannot tell its position.");
        set => throw new NotSupportedException("This stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The client went away in the middle of the upload.");
        }

        // Short reads, as a network stream gives, so callers must loop.
        var count = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024), Math.Min(data.Length, failAfter) - _position);
        if (count <= 0)
        {
            return 0;
        }

        data.AsSpan((int)_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("This stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
