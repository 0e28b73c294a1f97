using Microsoft.Win32.SafeHandles;

namespace Uploads.Sample.Demo;

/// <summary>
/// A read-only, seekable window on a file, read with positional reads so that many slices of one handle are read in
/// parallel. Seekable with a known length, so HttpClient sends a Content-Length and can rewind it to retry.
/// </summary>
public sealed class FileSliceStream : Stream
{
    private readonly SafeFileHandle _file;
    private readonly long _offset;
    private readonly long _length;
    private readonly Action<long>? _onProgress;
    private long _position;
    private long _reported;

    /// <param name="file">An open handle; not disposed by the slice.</param>
    /// <param name="offset">Where the slice starts in the file.</param>
    /// <param name="length">How many bytes it has.</param>
    /// <param name="onProgress">Told of each byte read for the first time (a rewind does not count twice).</param>
    public FileSliceStream(SafeFileHandle file, long offset, long length, Action<long>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _file = file;
        _offset = offset;
        _length = length;
        _onProgress = onProgress;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
            _position = value;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        int count = Window(buffer.Length);
        if (count == 0) return 0;
        return Advance(RandomAccess.Read(_file, buffer[..count], _offset + _position));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int count = Window(buffer.Length);
        if (count == 0) return 0;
        return Advance(await RandomAccess.ReadAsync(_file, buffer[..count], _offset + _position, cancellationToken).ConfigureAwait(false));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Window(int requested) => (int)Math.Min(requested, _length - _position);

    private int Advance(int read)
    {
        if (read == 0 && _position < _length) throw new EndOfStreamException("The file is shorter than when its parts were planned.");
        _position += read;
        if (_position > _reported)
        {
            _onProgress?.Invoke(_position - _reported);
            _reported = _position;
        }
        return read;
    }
}
