using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>One multipart section as the server read it: its disposition, media type, length and SHA-256.</summary>
public sealed record ReceivedPart(string? Name, string? FileName, string? FileNameStar, string? ContentType, long Length, string Sha256, string? Text);

/// <summary>Reads a multipart/form-data request body section by section, as it arrives (nothing is buffered whole).</summary>
public static class IntegrationMultipart
{
    /// <summary>
    /// Streams every section through SHA-256. <paramref name="onFileBytes"/> is called after each chunk of a file
    /// section with the number of that section's bytes received so far, while the client may still be sending.
    /// </summary>
    public static async Task<IReadOnlyList<ReceivedPart>> ReadAsync(HttpContext context, Action<long>? onFileBytes = null)
    {
        var mediaType = MediaTypeHeaderValue.Parse(context.Request.ContentType);
        string boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            ?? throw new InvalidOperationException("The multipart request has no boundary: " + context.Request.ContentType);
        var reader = new MultipartReader(boundary, context.Request.Body);
        var parts = new List<ReceivedPart>();
        var buffer = new byte[1 << 16];
        while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
        {
            ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
            string? fileName = disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            bool isFile = !string.IsNullOrEmpty(fileName) || disposition?.FileNameStar.HasValue == true;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var text = isFile ? null : new MemoryStream();
            long length = 0;
            int read;
            while ((read = await section.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                text?.Write(buffer, 0, read);
                length += read;
                if (isFile) onFileBytes?.Invoke(length);
            }
            parts.Add(new ReceivedPart(
                disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.Name).Value,
                fileName,
                disposition?.FileNameStar.Value,
                section.ContentType,
                length,
                Convert.ToHexStringLower(hash.GetHashAndReset()),
                text is null ? null : Encoding.UTF8.GetString(text.ToArray())));
        }
        return parts;
    }
}
