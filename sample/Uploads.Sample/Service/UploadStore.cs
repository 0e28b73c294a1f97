using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Service;

/// <summary>
/// The state of every Upload and its bytes on disk, with OpenAI's semantics: parts of at most 64 MiB, at most 8 GiB per
/// Upload, expiry one hour after creation, parts assembled in the order given on completion, the byte count and the
/// optional md5 checked, nothing accepted after cancel or complete.
/// </summary>
/// <remarks>
/// <para>Layout under <see cref="UploadStoreOptions.DataDirectory"/>:</para>
/// <code>
/// uploads/{upload_id}/request.json      the CreateUploadRequest, written once
/// uploads/{upload_id}/upload.json       the Upload as last answered (status, file)
/// uploads/{upload_id}/parts/{part_id}   the bytes of each part, while the Upload is pending
/// files/{file_id}                       the assembled file of a completed Upload
/// tmp/                                  writes in flight
/// </code>
/// <para>
/// Every file is written under <c>tmp/</c> and renamed into place once complete, so a request that fails or is
/// aborted halfway (or a process that dies) never leaves a half-written part, file or metadata behind; <c>tmp/</c>
/// is emptied at start. Part bytes stream to disk outside any lock, so parts of one Upload are received in parallel;
/// each Upload has a lock that serializes its state changes (committing a part, completing, cancelling, expiring).
/// </para>
/// </remarks>
public sealed class UploadStore
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int CopyBufferSize = 256 * 1024;
    private const long MinFileExpirySeconds = 3600;
    private const long MaxFileExpirySeconds = 2_592_000;
    private static readonly TimeSpan DefaultBatchFileLifetime = TimeSpan.FromDays(30);
    private static readonly OpenAIApiJsonContext Json = OpenAIApiJsonContext.Default;

    private readonly ConcurrentDictionary<string, UploadEntry> _uploads = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<UploadStore> _logger;
    private readonly string _uploadsDirectory;
    private readonly string _filesDirectory;
    private readonly string _tempDirectory;

    public UploadStore(UploadStoreOptions options, TimeProvider time, ILogger<UploadStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _time = time;
        _logger = logger;
        string root = Path.GetFullPath(options.DataDirectory);
        _uploadsDirectory = Path.Combine(root, "uploads");
        _filesDirectory = Path.Combine(root, "files");
        _tempDirectory = Path.Combine(root, "tmp");
    }

    public UploadStoreOptions Options { get; }

    /// <summary>Creates the directories and loads the Uploads a previous run left, discarding anything half-done.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_uploadsDirectory);
        Directory.CreateDirectory(_filesDirectory);
        if (Directory.Exists(_tempDirectory)) Directory.Delete(_tempDirectory, recursive: true);
        Directory.CreateDirectory(_tempDirectory);

        var referencedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (string directory in Directory.EnumerateDirectories(_uploadsDirectory))
        {
            var entry = await LoadAsync(directory, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                _logger.LogWarning("Discarding {Directory}: its Upload was never fully created.", directory);
                Directory.Delete(directory, recursive: true);
                continue;
            }
            _uploads[entry.Upload.Id] = entry;
            if (entry.Upload.File is { } file) referencedFiles.Add(file.Id);
        }
        foreach (string file in Directory.EnumerateFiles(_filesDirectory))
        {
            if (!referencedFiles.Contains(Path.GetFileName(file))) File.Delete(file);
        }
        if (_uploads.Count > 0) _logger.LogInformation("Loaded {Count} Upload(s) from {Directory}.", _uploads.Count, Options.DataDirectory);
    }

    /// <summary>Creates a pending Upload that expires <see cref="UploadStoreOptions.UploadLifetime"/> from now.</summary>
    public async Task<Upload> CreateAsync(CreateUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var now = Now();
        var upload = new Upload
        {
            Id = NewId("upload_"),
            CreatedAt = now,
            Filename = request.Filename,
            Bytes = request.Bytes,
            Purpose = request.Purpose.ToWireValue(),
            Status = UploadStatus.Pending,
            ExpiresAt = now + Options.UploadLifetime,
        };
        string directory = Path.Combine(_uploadsDirectory, upload.Id);
        Directory.CreateDirectory(directory);
        try
        {
            // request.json first: an upload.json without its request is never read back.
            await WriteJsonAsync(Path.Combine(directory, "request.json"), request, Json.CreateUploadRequest, cancellationToken).ConfigureAwait(false);
            await WriteJsonAsync(Path.Combine(directory, "upload.json"), upload, Json.Upload, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryDeleteDirectory(directory);
            throw;
        }
        _uploads[upload.Id] = new UploadEntry(request, upload, directory);
        return upload;
    }

    /// <summary>
    /// Streams <paramref name="content"/> to a temporary file (in parallel with other parts), then, under the Upload's
    /// lock, checks that the Upload still takes parts and renames the file into place.
    /// </summary>
    public async Task<UploadPart> AddPartAsync(string uploadId, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var entry = Find(uploadId);
        // Fail fast, before reading any byte; the check that counts is the one under the lock below.
        if (entry.Upload.Status != UploadStatus.Pending || IsDue(entry.Upload))
        {
            await WithLockAsync(entry, () => EnsurePendingAsync(entry, "add parts to"), cancellationToken).ConfigureAwait(false);
        }

        string partId = NewId("part_");
        string temp = TempPath();
        try
        {
            long size = await CopyPartAsync(content, temp, cancellationToken).ConfigureAwait(false);
            return await WithLockAsync(entry, async () =>
            {
                await EnsurePendingAsync(entry, "add parts to").ConfigureAwait(false);
                if (entry.CommittedBytes + size > Options.MaxUploadBytes)
                {
                    throw new UploadStoreException(UploadErrorKind.TooLarge,
                        $"Upload {entry.Upload.Id} already has {entry.CommittedBytes} bytes in parts; this part of {size} bytes would exceed the maximum of {Options.MaxUploadBytes} bytes per Upload.", "data");
                }
                var now = Now();
                Directory.CreateDirectory(entry.PartsDirectory);
                string path = Path.Combine(entry.PartsDirectory, partId);
                File.Move(temp, path);
                entry.Parts.Add(partId, new PartEntry(partId, size, now, path));
                entry.CommittedBytes += size;
                return new UploadPart { Id = partId, CreatedAt = now, UploadId = entry.Upload.Id };
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDeleteFile(temp);
        }
    }

    /// <summary>
    /// Assembles the parts in the given order into the Upload's file, checks the byte count and md5, and completes the
    /// Upload with its File. Parts not listed are discarded. A failed check leaves the Upload pending.
    /// </summary>
    public Task<Upload> CompleteAsync(string uploadId, IReadOnlyList<string> partIds, string? md5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partIds);
        var entry = Find(uploadId);
        return WithLockAsync(entry, async () =>
        {
            await EnsurePendingAsync(entry, "complete").ConfigureAwait(false);
            var parts = ResolveParts(entry, partIds);
            long total = parts.Sum(static part => part.Bytes);
            if (total != entry.Upload.Bytes)
            {
                throw new UploadStoreException(UploadErrorKind.Invalid,
                    $"The parts total {total} bytes, but Upload {entry.Upload.Id} was created with bytes={entry.Upload.Bytes}.", "part_ids");
            }
            string? expectedMd5 = md5?.Trim().ToLowerInvariant();
            if (expectedMd5 is not null && (expectedMd5.Length != 32 || !expectedMd5.All(Uri.IsHexDigit)))
            {
                throw new UploadStoreException(UploadErrorKind.Invalid, $"'{md5}' is not an md5 checksum (32 hexadecimal digits).", "md5");
            }

            string fileId = NewId("file-");
            string temp = TempPath();
            string path = Path.Combine(_filesDirectory, fileId);
            try
            {
                string actualMd5 = await AssembleAsync(parts, temp, cancellationToken).ConfigureAwait(false);
                if (expectedMd5 is not null && expectedMd5 != actualMd5)
                {
                    throw new UploadStoreException(UploadErrorKind.Invalid,
                        $"The md5 of the assembled parts is {actualMd5}, not {expectedMd5}; the Upload stays pending.", "md5");
                }
                File.Move(temp, path);
                var now = Now();
                var completed = entry.Upload with
                {
                    Status = UploadStatus.Completed,
                    File = new OpenAIFile
                    {
                        Id = fileId,
                        Bytes = total,
                        CreatedAt = now,
                        ExpiresAt = FileExpiry(entry.Request, now),
                        Filename = entry.Upload.Filename,
                        Purpose = FilePurpose(entry.Request.Purpose),
                    },
                };
                // The state change is no longer the request's to cancel: it is on disk once the file is.
                await CommitAsync(entry, completed).ConfigureAwait(false);
                return completed;
            }
            catch
            {
                if (entry.Upload.Status != UploadStatus.Completed) TryDeleteFile(path);
                throw;
            }
            finally
            {
                TryDeleteFile(temp);
            }
        }, cancellationToken);
    }

    /// <summary>Cancels a pending Upload and deletes its parts; cancelling a cancelled Upload answers it again.</summary>
    public Task<Upload> CancelAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        var entry = Find(uploadId);
        return WithLockAsync(entry, async () =>
        {
            await ExpireIfDueAsync(entry).ConfigureAwait(false);
            switch (entry.Upload.Status)
            {
                case UploadStatus.Cancelled:
                    return entry.Upload;
                case UploadStatus.Pending:
                    var cancelled = entry.Upload with { Status = UploadStatus.Cancelled };
                    await CommitAsync(entry, cancelled).ConfigureAwait(false);
                    return cancelled;
                default:
                    throw new UploadStoreException(UploadErrorKind.Conflict,
                        $"Upload {entry.Upload.Id} cannot be cancelled: it has already been {entry.Upload.Status.ToWireValue()}.");
            }
        }, cancellationToken);
    }

    /// <summary>The Upload as it stands now (an overdue pending Upload becomes <c>expired</c>), or null.</summary>
    public async Task<Upload?> GetAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        if (!_uploads.TryGetValue(uploadId, out var entry)) return null;
        await WithLockAsync(entry, () => ExpireIfDueAsync(entry), cancellationToken).ConfigureAwait(false);
        return entry.Upload;
    }

    /// <summary>Expires every overdue pending Upload and deletes its parts; returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        int expired = 0;
        foreach (var entry in _uploads.Values)
        {
            if (entry.Upload.Status != UploadStatus.Pending || !IsDue(entry.Upload)) continue;
            await WithLockAsync(entry, async () =>
            {
                if (await ExpireIfDueAsync(entry).ConfigureAwait(false)) expired++;
            }, cancellationToken).ConfigureAwait(false);
        }
        return expired;
    }

    /// <summary>The path of a completed Upload's file.</summary>
    public string GetFilePath(string fileId)
    {
        foreach (var entry in _uploads.Values)
        {
            if (entry.Upload.File?.Id == fileId) return Path.Combine(_filesDirectory, fileId);
        }
        throw new FileNotFoundException($"No such file: {fileId}.");
    }

    /// <summary>The number of parts a pending Upload holds, and their bytes.</summary>
    public Task<(int Parts, long Bytes)> CountPartsAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        var entry = Find(uploadId);
        return WithLockAsync(entry, () => Task.FromResult((entry.Parts.Count, entry.CommittedBytes)), cancellationToken);
    }

    private void Validate(CreateUploadRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Filename))
        {
            throw new UploadStoreException(UploadErrorKind.Invalid, "filename must not be empty.", "filename");
        }
        if (request.Bytes < 1 || request.Bytes > Options.MaxUploadBytes)
        {
            throw new UploadStoreException(UploadErrorKind.Invalid,
                $"bytes is {request.Bytes}; an Upload holds from 1 to {Options.MaxUploadBytes} bytes.", "bytes");
        }
        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.MimeType, out var mediaType) || mediaType.MediaType is null)
        {
            throw new UploadStoreException(UploadErrorKind.Invalid, $"'{request.MimeType}' is not a MIME type.", "mime_type");
        }
        if (request.ExpiresAfter is { } expiry)
        {
            if (expiry.Anchor != "created_at")
            {
                throw new UploadStoreException(UploadErrorKind.Invalid, $"expires_after.anchor is '{expiry.Anchor}'; the supported anchor is 'created_at'.", "expires_after.anchor");
            }
            if (expiry.Seconds is < MinFileExpirySeconds or > MaxFileExpirySeconds)
            {
                throw new UploadStoreException(UploadErrorKind.Invalid,
                    $"expires_after.seconds is {expiry.Seconds}; it must be between {MinFileExpirySeconds} (1 hour) and {MaxFileExpirySeconds} (30 days).", "expires_after.seconds");
            }
        }
    }

    private List<PartEntry> ResolveParts(UploadEntry entry, IReadOnlyList<string> partIds)
    {
        var parts = new List<PartEntry>(partIds.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string partId in partIds)
        {
            if (!entry.Parts.TryGetValue(partId, out var part))
            {
                throw new UploadStoreException(UploadErrorKind.Invalid, $"Upload {entry.Upload.Id} has no part '{partId}'.", "part_ids");
            }
            if (!seen.Add(partId))
            {
                throw new UploadStoreException(UploadErrorKind.Invalid, $"Part {partId} is listed more than once.", "part_ids");
            }
            parts.Add(part);
        }
        return parts;
    }

    private async Task<long> CopyPartAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[CopyBufferSize];
        long size = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        while (true)
        {
            int read;
            try
            {
                read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested)
            {
                // The client's bytes, not the disk: a truncated body, one over the server's request size limit…
                throw new UploadStoreException(UploadErrorKind.Invalid, "The part's data could not be read: " + exception.Message, "data", exception);
            }
            if (read == 0) break;
            size += read;
            if (size > Options.MaxPartBytes)
            {
                throw new UploadStoreException(UploadErrorKind.TooLarge, $"A part holds at most {Options.MaxPartBytes} bytes.", "data");
            }
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        if (size == 0) throw new UploadStoreException(UploadErrorKind.Invalid, "The part is empty.", "data");
        return size;
    }

    private static async Task<string> AssembleAsync(IReadOnlyList<PartEntry> parts, string path, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        byte[] buffer = new byte[CopyBufferSize];
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
        {
            foreach (var part in parts)
            {
                await using var input = new FileStream(part.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>Throws unless the Upload is pending; expires it first when it is overdue. Call under the lock.</summary>
    private async Task EnsurePendingAsync(UploadEntry entry, string action)
    {
        await ExpireIfDueAsync(entry).ConfigureAwait(false);
        if (entry.Upload.Status == UploadStatus.Pending) return;
        string why = entry.Upload.Status == UploadStatus.Expired
            ? $"it expired at {entry.Upload.ExpiresAt:u}"
            : "it has already been " + entry.Upload.Status.ToWireValue();
        throw new UploadStoreException(UploadErrorKind.Conflict, $"Cannot {action} Upload {entry.Upload.Id}: {why}.");
    }

    /// <summary>Marks an overdue pending Upload expired and deletes its parts. Call under the lock.</summary>
    private async Task<bool> ExpireIfDueAsync(UploadEntry entry)
    {
        if (entry.Upload.Status != UploadStatus.Pending || !IsDue(entry.Upload)) return false;
        await CommitAsync(entry, entry.Upload with { Status = UploadStatus.Expired }).ConfigureAwait(false);
        _logger.LogInformation("Upload {UploadId} expired.", entry.Upload.Id);
        return true;
    }

    /// <summary>Writes the Upload's new state, then applies it; a terminal state drops the parts.</summary>
    private async Task CommitAsync(UploadEntry entry, Upload upload)
    {
        await WriteJsonAsync(Path.Combine(entry.Directory, "upload.json"), upload, Json.Upload, CancellationToken.None).ConfigureAwait(false);
        entry.Upload = upload;
        if (upload.Status != UploadStatus.Pending)
        {
            entry.Parts.Clear();
            entry.CommittedBytes = 0;
            TryDeleteDirectory(entry.PartsDirectory);
        }
    }

    private bool IsDue(Upload upload) => _time.GetUtcNow() >= upload.ExpiresAt;

    private async Task<UploadEntry?> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var request = await ReadJsonAsync(Path.Combine(directory, "request.json"), Json.CreateUploadRequest, cancellationToken).ConfigureAwait(false);
        var upload = await ReadJsonAsync(Path.Combine(directory, "upload.json"), Json.Upload, cancellationToken).ConfigureAwait(false);
        if (request is null || upload is null || upload.Id != Path.GetFileName(directory)) return null;
        var entry = new UploadEntry(request, upload, directory);
        if (upload.Status != UploadStatus.Pending)
        {
            TryDeleteDirectory(entry.PartsDirectory); // A crash between writing the state and deleting the parts.
            return entry;
        }
        if (Directory.Exists(entry.PartsDirectory))
        {
            foreach (var file in new DirectoryInfo(entry.PartsDirectory).EnumerateFiles())
            {
                entry.Parts.Add(file.Name, new PartEntry(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc), file.FullName));
                entry.CommittedBytes += file.Length;
            }
        }
        return entry;
    }

    private static async Task<T?> ReadJsonAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes to tmp/ and renames over <paramref name="path"/>: readers see the old file or the new one, never a part.</summary>
    private async Task WriteJsonAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        string temp = TempPath();
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, value, typeInfo, cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            TryDeleteFile(temp);
        }
    }

    private UploadEntry Find(string uploadId) =>
        _uploads.TryGetValue(uploadId, out var entry)
            ? entry
            : throw new UploadStoreException(UploadErrorKind.NotFound, $"No such Upload: '{uploadId}'.", "upload_id");

    private static async Task<T> WithLockAsync<T>(UploadEntry entry, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private static Task WithLockAsync(UploadEntry entry, Func<Task> action, CancellationToken cancellationToken) =>
        WithLockAsync(entry, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Now, to the second: the API's timestamps are Unix seconds.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());

    private string TempPath() => Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N") + ".tmp");

    private static string NewId(string prefix) => prefix + RandomNumberGenerator.GetString(IdAlphabet, 24);

    private static DateTimeOffset? FileExpiry(CreateUploadRequest request, DateTimeOffset createdAt) =>
        request.ExpiresAfter is { } expiry ? createdAt.AddSeconds(expiry.Seconds)
        : request.Purpose == CreateUploadRequestPurpose.Batch ? createdAt + DefaultBatchFileLifetime
        : null;

    private static OpenAIFilePurpose FilePurpose(CreateUploadRequestPurpose purpose) =>
        OpenAIFilePurposeExtensions.TryParseWireValue(purpose.ToWireValue(), out var filePurpose)
            ? filePurpose
            : throw new InvalidOperationException($"The Upload purpose '{purpose.ToWireValue()}' has no File purpose.");

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class UploadEntry(CreateUploadRequest request, Upload upload, string directory)
    {
        public CreateUploadRequest Request { get; } = request;

        /// <summary>The current state; replaced (never mutated) under <see cref="Gate"/>, read without it.</summary>
        public Upload Upload { get; set; } = upload;

        public string Directory { get; } = directory;

        public string PartsDirectory => Path.Combine(Directory, "parts");

        /// <summary>The committed parts, by id; changed under <see cref="Gate"/> only.</summary>
        public Dictionary<string, PartEntry> Parts { get; } = new(StringComparer.Ordinal);

        public long CommittedBytes { get; set; }

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }

    private sealed record PartEntry(string Id, long Bytes, DateTimeOffset CreatedAt, string Path);
}
