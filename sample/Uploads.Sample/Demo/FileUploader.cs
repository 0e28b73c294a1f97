using System.Diagnostics;
using System.Security.Cryptography;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Demo;

/// <summary>How far an upload is.</summary>
public readonly record struct UploadProgress(long SentBytes, long TotalBytes, int CompletedParts, int TotalParts);

/// <summary>The completed Upload (its <c>file</c> is the File) and how the upload went.</summary>
public sealed record FileUploadResult(Upload Upload, int Parts, string Md5, TimeSpan PartsElapsed, TimeSpan Elapsed);

/// <summary>
/// Uploads a file with the generated client the way OpenAI's Uploads API intends: create an Upload for its size,
/// send it in parts of <see cref="PartSize"/> bytes, at most <see cref="Parallelism"/> at a time, then complete it
/// with the part ids in file order and the file's md5 (computed while the parts are sent), so the server checks
/// every byte. If a part fails, the Upload is cancelled.
/// </summary>
public sealed class FileUploader(IUploadsClient client)
{
    /// <summary>The API's limit on a part.</summary>
    public const long MaxPartSize = 64 * 1024 * 1024;

    private long _partSize = 8 * 1024 * 1024;
    private int _parallelism = 4;

    /// <summary>Bytes per part (the last may be shorter); 8 MiB by default, at most 64 MiB.</summary>
    public long PartSize
    {
        get => _partSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxPartSize);
            _partSize = value;
        }
    }

    /// <summary>How many parts are in flight at once; 4 by default.</summary>
    public int Parallelism
    {
        get => _parallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _parallelism = value;
        }
    }

    /// <param name="path">The file.</param>
    /// <param name="purpose">The File's purpose.</param>
    /// <param name="mimeType">The file's MIME type.</param>
    /// <param name="onCreated">Told of the pending Upload before any part is sent.</param>
    /// <param name="onProgress">Told of progress, from several threads.</param>
    /// <param name="cancellationToken">Cancels the upload (and the Upload).</param>
    public async Task<FileUploadResult> UploadAsync(
        string path,
        CreateUploadRequestPurpose purpose,
        string mimeType,
        Action<Upload>? onCreated = null,
        Action<UploadProgress>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        long length = RandomAccess.GetLength(file);
        int partCount = (int)Math.Max(1, (length + PartSize - 1) / PartSize);

        var upload = await client.CreateUploadAsync(new CreateUploadRequest
        {
            Filename = Path.GetFileName(path),
            Purpose = purpose,
            Bytes = length,
            MimeType = mimeType,
        }, cancellationToken).ConfigureAwait(false);
        onCreated?.Invoke(upload);

        // The md5 is computed from the same file, alongside the parts, and checked by the server on completion.
        var md5 = Task.Run(() => Md5Async(path, cancellationToken), cancellationToken);
        var partIds = new string[partCount];
        long sent = 0;
        int completed = 0;
        var partsWatch = Stopwatch.StartNew();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, partCount), parallel, async (index, token) =>
            {
                long offset = index * PartSize;
                long size = Math.Min(PartSize, length - offset);
                using var slice = new FileSliceStream(file, offset, size, read =>
                {
                    long now = Interlocked.Add(ref sent, read);
                    onProgress?.Invoke(new UploadProgress(now, length, Volatile.Read(ref completed), partCount));
                });
                var part = await client.AddUploadPartAsync(upload.Id, new FilePart(slice, $"{upload.Filename}.part{index + 1}"), token).ConfigureAwait(false);
                partIds[index] = part.Id;
                int done = Interlocked.Increment(ref completed);
                onProgress?.Invoke(new UploadProgress(Volatile.Read(ref sent), length, done, partCount));
            }).ConfigureAwait(false);
            partsWatch.Stop();

            string checksum = await md5.ConfigureAwait(false);
            var result = await client.CompleteUploadAsync(upload.Id, new CompleteUploadRequest { PartIds = partIds, Md5 = checksum }, cancellationToken).ConfigureAwait(false);
            return new FileUploadResult(result, partCount, checksum, partsWatch.Elapsed, stopwatch.Elapsed);
        }
        catch
        {
            await CancelQuietlyAsync(upload.Id).ConfigureAwait(false);
            throw;
        }
    }

    private async Task CancelQuietlyAsync(string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.CancelUploadAsync(uploadId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or OperationCanceledException)
        {
            // Best effort: the Upload expires within the hour anyway.
        }
    }

    private static async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
