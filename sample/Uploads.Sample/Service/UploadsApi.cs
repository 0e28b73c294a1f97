using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Service;

/// <summary>
/// The generated <see cref="IUploadsApi"/> over <see cref="UploadStore"/>: store refusals become
/// <see cref="ApiException{TError}"/> with the spec's <see cref="ErrorResponse"/> body, which the generated endpoints
/// write with the exception's status.
/// </summary>
public sealed class UploadsApi(UploadStore store) : IUploadsApi
{
    public Task<Upload> CreateUploadAsync(CreateUploadRequest body, CancellationToken cancellationToken) =>
        Answer(() => store.CreateAsync(body, cancellationToken));

    public Task<Upload> CancelUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        Answer(() => store.CancelAsync(uploadId, cancellationToken));

    public Task<Upload> CompleteUploadAsync(string uploadId, CompleteUploadRequest body, CancellationToken cancellationToken) =>
        Answer(() => store.CompleteAsync(uploadId, body.PartIds, body.Md5, cancellationToken));

    public Task<UploadPart> AddUploadPartAsync(string uploadId, FilePart data, CancellationToken cancellationToken) =>
        Answer(() => store.AddPartAsync(uploadId, data.Content, cancellationToken));

    /// <summary>An OpenAI-style error: <c>{"error": {"message", "type": "invalid_request_error", "param", "code": null}}</c>.</summary>
    public static ApiException<ErrorResponse> Error(int status, string message, string? param = null) =>
        new(status, new ErrorResponse { Error = new Error { Message = message, Type = "invalid_request_error", Param = param, Code = null } }, message);

    private static async Task<T> Answer<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UploadStoreException exception)
        {
            throw Error(StatusOf(exception), exception.Message, exception.Param);
        }
    }

    private static int StatusOf(UploadStoreException exception) => exception switch
    {
        // Kestrel's own verdict on the request body, e.g. 413 when it is over MaxRequestBodySize.
        { InnerException: BadHttpRequestException bad } => bad.StatusCode,
        { Kind: UploadErrorKind.NotFound } => StatusCodes.Status404NotFound,
        { Kind: UploadErrorKind.Conflict } => StatusCodes.Status409Conflict,
        { Kind: UploadErrorKind.TooLarge } => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };
}
