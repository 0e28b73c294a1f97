namespace Uploads.Sample.Service;

/// <summary>What went wrong, independent of HTTP; <see cref="UploadsApi"/> turns it into a status.</summary>
public enum UploadErrorKind
{
    /// <summary>The request is not valid (400).</summary>
    Invalid,

    /// <summary>No such Upload (404).</summary>
    NotFound,

    /// <summary>The Upload is not in a state that allows the operation (409).</summary>
    Conflict,

    /// <summary>A part or the Upload is over its size limit (413).</summary>
    TooLarge,
}

/// <summary>A request the store refuses, with an OpenAI-style message and the parameter at fault.</summary>
public sealed class UploadStoreException(UploadErrorKind kind, string message, string? param = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public UploadErrorKind Kind { get; } = kind;

    /// <summary>The request parameter the error is about (<c>bytes</c>, <c>part_ids</c>, …), if any.</summary>
    public string? Param { get; } = param;
}
