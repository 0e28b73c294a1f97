using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uploads.Benchmarks.Stj;

// Hand-written equivalents of the generated Upload and OpenAIFile, serialized by System.Text.Json's own source
// generator (StjUploadsContext). Same shape as the generated records, so both sides do the same work:
// - same members, same order (both write properties in declaration order, so the JSON is byte-for-byte the same);
// - `required` members (STJ rejects a payload that lacks one, as the generated converter does);
// - unix-seconds timestamps as DateTimeOffset through a small converter (the generated code does the same
//   conversion; a plain `long` would give STJ less work than the generated side);
// - string enums with exact wire values via JsonStringEnumMemberName + JsonStringEnumConverter<T>;
// - optional members omitted when null (WhenWritingNull on the context).

/// <summary>OpenAI's Upload object.</summary>
public sealed record StjUpload
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("filename")]
    public required string Filename { get; init; }

    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    [JsonPropertyName("purpose")]
    public required string Purpose { get; init; }

    [JsonPropertyName("status")]
    public required StjUploadStatus Status { get; init; }

    [JsonPropertyName("expires_at")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public required DateTimeOffset ExpiresAt { get; init; }

    [JsonPropertyName("object")]
    public string Object { get; init; } = "upload";

    [JsonPropertyName("file")]
    public StjOpenAIFile? File { get; init; }
}

/// <summary>OpenAI's File object (the Upload's nested <c>file</c>).</summary>
public sealed record StjOpenAIFile
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("expires_at")]
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("filename")]
    public required string Filename { get; init; }

    [JsonPropertyName("object")]
    public string Object { get; init; } = "file";

    [JsonPropertyName("purpose")]
    public required StjOpenAIFilePurpose Purpose { get; init; }

    [JsonPropertyName("status")]
    public StjOpenAIFileStatus? Status { get; init; }

    [JsonPropertyName("status_details")]
    public string? StatusDetails { get; init; }
}

/// <summary>
/// <see cref="StjUpload"/> with the timestamps as plain <c>long</c> Unix seconds: no property converter, so STJ's
/// source generator can take its fastest path. Less work than the generated record does (no DateTimeOffset), so it is
/// an upper bound for STJ, not the like-for-like baseline.
/// </summary>
public sealed record StjUploadLongTimestamps
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("created_at")]
    public required long CreatedAt { get; init; }

    [JsonPropertyName("filename")]
    public required string Filename { get; init; }

    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    [JsonPropertyName("purpose")]
    public required string Purpose { get; init; }

    [JsonPropertyName("status")]
    public required StjUploadStatus Status { get; init; }

    [JsonPropertyName("expires_at")]
    public required long ExpiresAt { get; init; }

    [JsonPropertyName("object")]
    public string Object { get; init; } = "upload";

    [JsonPropertyName("file")]
    public StjOpenAIFileLongTimestamps? File { get; init; }
}

/// <summary><see cref="StjOpenAIFile"/> with <c>long</c> timestamps (see <see cref="StjUploadLongTimestamps"/>).</summary>
public sealed record StjOpenAIFileLongTimestamps
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    [JsonPropertyName("created_at")]
    public required long CreatedAt { get; init; }

    [JsonPropertyName("expires_at")]
    public long? ExpiresAt { get; init; }

    [JsonPropertyName("filename")]
    public required string Filename { get; init; }

    [JsonPropertyName("object")]
    public string Object { get; init; } = "file";

    [JsonPropertyName("purpose")]
    public required StjOpenAIFilePurpose Purpose { get; init; }

    [JsonPropertyName("status")]
    public StjOpenAIFileStatus? Status { get; init; }

    [JsonPropertyName("status_details")]
    public string? StatusDetails { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<StjUploadStatus>))]
public enum StjUploadStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("expired")] Expired,
}

[JsonConverter(typeof(JsonStringEnumConverter<StjOpenAIFilePurpose>))]
public enum StjOpenAIFilePurpose
{
    [JsonStringEnumMemberName("assistants")] Assistants,
    [JsonStringEnumMemberName("assistants_output")] AssistantsOutput,
    [JsonStringEnumMemberName("batch")] Batch,
    [JsonStringEnumMemberName("batch_output")] BatchOutput,
    [JsonStringEnumMemberName("fine-tune")] FineTune,
    [JsonStringEnumMemberName("fine-tune-results")] FineTuneResults,
    [JsonStringEnumMemberName("vision")] Vision,
    [JsonStringEnumMemberName("user_data")] UserData,
}

[JsonConverter(typeof(JsonStringEnumConverter<StjOpenAIFileStatus>))]
public enum StjOpenAIFileStatus
{
    [JsonStringEnumMemberName("uploaded")] Uploaded,
    [JsonStringEnumMemberName("processed")] Processed,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Unix seconds ↔ <see cref="DateTimeOffset"/>, as the generated code does for <c>format: unixtime</c>.</summary>
public sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}

/// <summary>The nullable form of <see cref="UnixSecondsConverter"/> (STJ needs the converter's type to match the property's).</summary>
public sealed class NullableUnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => false;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value!.Value.ToUnixTimeSeconds());
}

/// <summary>System.Text.Json's source generator for the hand-written records (metadata and fast-path serialization).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StjUpload))]
[JsonSerializable(typeof(List<StjUpload>))]
[JsonSerializable(typeof(StjUploadLongTimestamps))]
[JsonSerializable(typeof(List<StjUploadLongTimestamps>))]
public sealed partial class StjUploadsContext : JsonSerializerContext
{
}
