using System.Security.Cryptography;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// A non-seekable stream of <see cref="Length"/> deterministic pseudo-random bytes (SplitMix64 of the position), made
/// as it is read, so a 64 MB part costs no 64 MB buffer in the test. Optionally gated: it hands out at most
/// <c>gateAt</c> bytes until <c>gate</c> completes, so a client that reads the whole stream before sending anything
/// (buffering the part) stalls there and fails with a clear <see cref="IOException"/> after the timeout.
/// </summary>
public sealed class GeneratedStream : Stream
{
    private readonly long _length;
    private readonly ulong _seed;
    private readonly long _gateAt;
    private readonly Task? _gate;
    private readonly TimeSpan _gateTimeout;
    private long _position;

    public GeneratedStream(long length, ulong seed, long gateAt = long.MaxValue, Task? gate = null, TimeSpan? gateTimeout = null)
    {
        _length = length;
        _seed = seed;
        _gateAt = gateAt;
        _gate = gate;
        _gateTimeout = gateTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>How many bytes the reader has taken so far (read from any thread).</summary>
    public long BytesRead => Interlocked.Read(ref _position);

    /// <summary>How many times a read found the gate closed and waited for it.</summary>
    public int GateWaits { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("Non-seekable on purpose: the client cannot know the length in advance.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The bytes from position 0, for the expected checksum or a MemoryStream copy.</summary>
    public static byte[] Bytes(long length, ulong seed)
    {
        var bytes = new byte[length];
        Fill(bytes, 0, seed);
        return bytes;
    }

    /// <summary>The SHA-256 (lower-case hex) of the stream's bytes, computed without holding them all.</summary>
    public static string Sha256Hex(long length, ulong seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long position = 0; position < length; position += buffer.Length)
        {
            int count = (int)Math.Min(buffer.Length, length - position);
            Fill(buffer.AsSpan(0, count), position, seed);
            hash.AppendData(buffer, 0, count);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (GateClosed())
        {
            GateWaits++;
            if (!_gate!.Wait(_gateTimeout)) throw GateTimeout();
        }
        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (GateClosed())
        {
            GateWaits++;
            try
            {
                await _gate!.WaitAsync(_gateTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw GateTimeout();
            }
        }
        return Take(buffer.Span);
    }

    private bool GateClosed() => _gate is { IsCompleted: false } && _position >= _gateAt;

    private IOException GateTimeout() => new(
        $"The client read {_position} bytes of the part's stream, but the server had received none of the part within {_gateTimeout.TotalSeconds} s: "
        + "the client reads (buffers) the part before sending it instead of streaming it.");

    private int Take(Span<byte> buffer)
    {
        long limit = _gate is { IsCompleted: false } ? Math.Min(_length, _gateAt) : _length;
        int count = (int)Math.Min(buffer.Length, limit - _position);
        if (count <= 0) return 0;
        Fill(buffer.Slice(0, count), _position, _seed);
        Interlocked.Add(ref _position, count);
        return count;
    }

    private static void Fill(Span<byte> target, long position, ulong seed)
    {
        int i = 0;
        while (i < target.Length)
        {
            long at = position + i;
            ulong block = SplitMix64(seed + (ulong)(at >> 3));
            for (int shift = (int)(at & 7); shift < 8 && i < target.Length; shift++, i++) target[i] = (byte)(block >> (shift * 8));
        }
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
