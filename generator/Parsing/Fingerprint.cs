using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Uploads.Generators.Parsing;

/// <summary>
/// A SHA-256 over a stream of tagged values: what a cached step's equality stands on when keeping the data itself
/// would cost megabytes (see <see cref="DocumentOutline"/>). Values are framed (tag, length) so that no two different
/// streams feed the hash the same bytes. Buffered: one <see cref="IncrementalHash.AppendData(byte[], int, int)"/> call
/// per 64 KiB, not per value.
/// </summary>
internal sealed class Fingerprint : IHashSink, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public void Add(byte tag)
    {
        if (_used == _buffer.Length) Flush();
        _buffer[_used++] = tag;
    }

    public void Add(int value)
    {
        if (_buffer.Length - _used < 4) Flush();
        _buffer[_used] = (byte)value;
        _buffer[_used + 1] = (byte)(value >> 8);
        _buffer[_used + 2] = (byte)(value >> 16);
        _buffer[_used + 3] = (byte)(value >> 24);
        _used += 4;
    }

    public void Add(string value)
    {
        Add(value.Length);
        var bytes = MemoryMarshal.AsBytes(value.AsSpan());
        while (bytes.Length > 0)
        {
            if (_used == _buffer.Length) Flush();
            int count = Math.Min(bytes.Length, _buffer.Length - _used);
            bytes.Slice(0, count).CopyTo(_buffer.AsSpan(_used));
            _used += count;
            bytes = bytes.Slice(count);
        }
    }

    /// <summary>The hash of everything added, as 64 hex digits.</summary>
    public string Finish()
    {
        Flush();
        var hash = _hash.GetHashAndReset();
        var hex = new char[hash.Length * 2];
        for (int i = 0; i < hash.Length; i++)
        {
            hex[2 * i] = "0123456789abcdef"[hash[i] >> 4];
            hex[2 * i + 1] = "0123456789abcdef"[hash[i] & 15];
        }
        return new string(hex);
    }

    public void Dispose() => _hash.Dispose();

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }
}

/// <summary>What a walk of the tree adds its tags, counts and texts to: a <see cref="Fingerprint"/> or a <see cref="TreeHash"/>.</summary>
internal interface IHashSink
{
    void Add(byte tag);

    void Add(int value);

    void Add(string value);
}
