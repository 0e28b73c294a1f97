using System.Text;

namespace Uploads.Benchmarks.Models;

/// <summary>The JSON the benchmarks read: OpenAI's documented Upload (completed, with its nested File).</summary>
public static class Payloads
{
    /// <summary>One Upload, as in the <c>Upload</c> schema's example in OpenAI's document (made valid JSON).</summary>
    public static string Upload(int index = 0) =>
        "{\"id\":\"upload_abc" + index + "\",\"object\":\"upload\",\"bytes\":2147483648,\"created_at\":1719184911," +
        "\"filename\":\"training_examples.jsonl\",\"purpose\":\"fine-tune\",\"status\":\"completed\",\"expires_at\":1719127296," +
        "\"file\":{\"id\":\"file-xyz" + index + "\",\"object\":\"file\",\"bytes\":2147483648,\"created_at\":1719186911," +
        "\"filename\":\"training_examples.jsonl\",\"purpose\":\"fine-tune\"}}";

    public static byte[] UploadUtf8 { get; } = Encoding.UTF8.GetBytes(Upload());

    /// <summary>
    /// The response of <c>POST /uploads/{upload_id}/cancel</c> exactly as OpenAI documents it (the operation's
    /// <c>x-oaiMeta</c> example in spec/uploads.openapi.yaml, indentation and all): a cancelled Upload without a file.
    /// </summary>
    public const string CancelledUpload = """
        {
          "id": "upload_abc123",
          "object": "upload",
          "bytes": 2147483648,
          "created_at": 1719184911,
          "filename": "training_examples.jsonl",
          "purpose": "fine-tune",
          "status": "cancelled",
          "expires_at": 1719127296
        }

        """;

    /// <summary><see cref="CancelledUpload"/> as UTF-8, the body the client benchmark's handler returns.</summary>
    public static byte[] CancelledUploadUtf8 { get; } = Encoding.UTF8.GetBytes(CancelledUpload);

    /// <summary>A JSON array of <paramref name="count"/> Uploads with distinct ids.</summary>
    public static byte[] UploadListUtf8(int count)
    {
        var builder = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) builder.Append(',');
            builder.Append(Upload(i));
        }
        return Encoding.UTF8.GetBytes(builder.Append(']').ToString());
    }
}
