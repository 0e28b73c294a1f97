using System.Text.Json;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Demo;

/// <summary>What the demo uploads and how.</summary>
public sealed class UploadDemoOptions
{
    /// <summary>The file to upload; null generates <see cref="SampleFile"/> of <see cref="GeneratedFileBytes"/>.</summary>
    public string? FilePath { get; set; }

    /// <summary>The size of the generated file: 20 MiB.</summary>
    public long GeneratedFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The File's purpose; <c>fine-tune</c> for <c>.jsonl</c> files, <c>assistants</c> otherwise.</summary>
    public CreateUploadRequestPurpose? Purpose { get; set; }

    public long PartSize { get; set; } = 8 * 1024 * 1024;

    public int Parallelism { get; set; } = 4;
}

/// <summary>
/// The client side of the sample, through the generated <see cref="IUploadsClient"/>: uploads a file in parts and
/// prints the resulting File, then creates a second Upload, cancels it, prints it, and shows that the service refuses
/// a part for it with the spec's error body.
/// </summary>
public sealed class UploadDemo(IUploadsClient client, TextWriter output, ProgressLine progress)
{
    private static readonly OpenAIApiJsonContext IndentedJson = new(new JsonSerializerOptions { WriteIndented = true });

    public async Task RunAsync(UploadDemoOptions options, CancellationToken cancellationToken = default)
    {
        string? generated = null;
        string path = options.FilePath ?? (generated = Path.Combine(Path.GetTempPath(), $"uploads-sample-{Guid.NewGuid():N}", SampleFile.FileName));
        try
        {
            if (generated is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(generated)!);
                SampleFile.Write(generated, options.GeneratedFileBytes);
            }
            await RunAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (generated is not null) Directory.Delete(Path.GetDirectoryName(generated)!, recursive: true);
        }
    }

    private async Task RunAsync(string path, UploadDemoOptions options, CancellationToken cancellationToken)
    {
        long length = new FileInfo(path).Length;
        var purpose = options.Purpose ?? (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? CreateUploadRequestPurpose.FineTune : CreateUploadRequestPurpose.Assistants);
        string mimeType = MimeTypeOf(path);
        var uploader = new FileUploader(client) { PartSize = options.PartSize, Parallelism = options.Parallelism };
        long parts = Math.Max(1, (length + options.PartSize - 1) / options.PartSize);
        output.WriteLine($"Uploading {Path.GetFileName(path)} ({length:N0} bytes, {mimeType}, purpose {purpose.ToWireValue()}) in {parts} part(s) of up to {Sizes.Format(options.PartSize)}, {options.Parallelism} at a time.");

        var result = await uploader.UploadAsync(path, purpose, mimeType,
            onCreated: upload => output.WriteLine($"Created {upload.Id}: {upload.Status.ToWireValue()}, expires at {upload.ExpiresAt:u}."),
            onProgress: progress.Report,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        progress.Finish();

        double seconds = Math.Max(result.PartsElapsed.TotalSeconds, 0.001);
        output.WriteLine($"Sent {result.Parts} part(s), {Sizes.Format(length)} in {result.PartsElapsed.TotalSeconds:0.00} s ({length / Sizes.MiB / seconds:0.0} MiB/s); completed in {result.Elapsed.TotalSeconds:0.00} s in all.");
        output.WriteLine($"{result.Upload.Id} is {result.Upload.Status.ToWireValue()}; the server checked {result.Upload.Bytes:N0} bytes and md5 {result.Md5}. The File:");
        output.WriteLine(JsonSerializer.Serialize(result.Upload.File!, IndentedJson.OpenAIFile));
        output.WriteLine();

        // A second Upload, cancelled after one part: its parts are dropped and it takes no more.
        var second = await client.CreateUploadAsync(new CreateUploadRequest
        {
            Filename = "cancelled_" + Path.GetFileName(path),
            Purpose = purpose,
            Bytes = length,
            MimeType = mimeType,
        }, cancellationToken).ConfigureAwait(false);
        await client.AddUploadPartAsync(second.Id, new FilePart(new MemoryStream("a part that will be dropped"u8.ToArray()), "first.part"), cancellationToken).ConfigureAwait(false);
        var cancelled = await client.CancelUploadAsync(second.Id, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Created {second.Id}, added a part, cancelled it:");
        output.WriteLine(JsonSerializer.Serialize(cancelled, IndentedJson.Upload));
        try
        {
            await client.AddUploadPartAsync(second.Id, new FilePart(new MemoryStream("too late"u8.ToArray()), "late.part"), cancellationToken).ConfigureAwait(false);
            output.WriteLine("The service accepted a part after cancel.");
        }
        catch (ApiException<ErrorResponse> refused)
        {
            output.WriteLine($"A part after cancel is refused: HTTP {refused.StatusCode} {refused.Error.Error.Type}: {refused.Error.Error.Message}");
        }
    }

    private static string MimeTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" => "text/jsonl",
        _ => new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider().TryGetContentType(path, out var type) ? type : "application/octet-stream",
    };
}
