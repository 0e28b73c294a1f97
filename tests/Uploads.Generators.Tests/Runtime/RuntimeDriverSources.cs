namespace Uploads.Generators.Tests.Runtime;

/// <summary>
/// C# compiled together with the generated code. Everything here is checked by the compiler against the generated
/// API (a renamed member, a non-const <c>Values</c> field or a missing implicit conversion fails the emit), and the
/// tests run it through <see cref="Infrastructure.RuntimeCompilation.Call"/>.
/// </summary>
internal static class RuntimeDriverSources
{
    public const string DriverTypeName = "RuntimeDriver.Driver";

    /// <summary>Compiles with either enum style.</summary>
    public const string Common = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Test.Api;

        namespace RuntimeDriver;

        /// <summary>A type the generated context knows nothing about.</summary>
        public sealed record LocalThing(string Name, int Count);

        public static partial class Driver
        {
            // A context bound to options that accept OpenAI's trailing commas.
            private static readonly OpenAIApiJsonContext s_trailingCommaContext = new(new JsonSerializerOptions { AllowTrailingCommas = true });

            // Resolved ONLY by the generated context: no DefaultJsonTypeInfoResolver, hence no reflection fallback.
            private static readonly JsonSerializerOptions s_contextOnly = new() { AllowTrailingCommas = true, TypeInfoResolver = OpenAIApiJsonContext.Default };

            // The reflection-based default resolver, which finds the generated converters through [JsonConverter].
            private static readonly JsonSerializerOptions s_attribute = new() { AllowTrailingCommas = true };

            // A copy of the default context's options (the copy keeps the context as its resolver).
            private static readonly JsonSerializerOptions s_copiedDefault = new(OpenAIApiJsonContext.Default.Options) { AllowTrailingCommas = true };

            // Options whose naming policies would rename every property if they were applied: the wire names must not change.
            private static readonly JsonSerializerOptions s_namingPolicy = new()
            {
                AllowTrailingCommas = true,
                PropertyNamingPolicy = JsonNamingPolicy.KebabCaseUpper,
                DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseUpper,
                PropertyNameCaseInsensitive = true,
                TypeInfoResolver = OpenAIApiJsonContext.Default,
            };

            private static T Read<T>(string json, string route, Func<OpenAIApiJsonContext, JsonTypeInfo<T>> info) => route switch
            {
                "default-context" => JsonSerializer.Deserialize(json, info(OpenAIApiJsonContext.Default))!,
                "context" => JsonSerializer.Deserialize(json, info(s_trailingCommaContext))!,
                "context-options" => JsonSerializer.Deserialize<T>(json, s_contextOnly)!,
                "attribute" => JsonSerializer.Deserialize<T>(json, s_attribute)!,
                "attribute-no-options" => JsonSerializer.Deserialize<T>(json)!,
                "copied-default-options" => JsonSerializer.Deserialize<T>(json, s_copiedDefault)!,
                "naming-policy" => JsonSerializer.Deserialize<T>(json, s_namingPolicy)!,
                _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
            };

            private static string Write<T>(T value, string route, Func<OpenAIApiJsonContext, JsonTypeInfo<T>> info) => route switch
            {
                "default-context" => JsonSerializer.Serialize(value, info(OpenAIApiJsonContext.Default)),
                "context" => JsonSerializer.Serialize(value, info(s_trailingCommaContext)),
                "context-options" => JsonSerializer.Serialize(value, s_contextOnly),
                "attribute" => JsonSerializer.Serialize(value, s_attribute),
                "attribute-no-options" => JsonSerializer.Serialize(value),
                "copied-default-options" => JsonSerializer.Serialize(value, s_copiedDefault),
                "naming-policy" => JsonSerializer.Serialize(value, s_namingPolicy),
                _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
            };

            /// <summary>Reads, writes, reads the output again and requires the two records to be equal; returns the written JSON.</summary>
            private static string RoundTripCore<T>(string json, string route, Func<OpenAIApiJsonContext, JsonTypeInfo<T>> info)
            {
                T first = Read(json, route, info);
                string written = Write(first, route, info);
                T second = Read(written, route, info);
                if (!EqualityComparer<T>.Default.Equals(first, second))
                {
                    throw new InvalidOperationException("Reading the written JSON gives a different record.\nFirst:  " + first + "\nSecond: " + second + "\nJSON:   " + written);
                }
                return written;
            }

            public static Upload ReadUpload(string json, string route) => Read(json, route, c => c.Upload);

            public static string WriteUpload(Upload value, string route) => Write(value, route, c => c.Upload);

            public static OpenAIFile ReadFile(string json, string route) => Read(json, route, c => c.OpenAIFile);

            public static UploadPart ReadPart(string json, string route) => Read(json, route, c => c.UploadPart);

            public static string RoundTrip(string type, string json, string route) => type switch
            {
                "Upload" => RoundTripCore(json, route, c => c.Upload),
                "OpenAIFile" => RoundTripCore(json, route, c => c.OpenAIFile),
                "UploadPart" => RoundTripCore(json, route, c => c.UploadPart),
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
            };

            public static bool RecordsEqual(object a, object b) => a.Equals(b) && a.GetHashCode() == b.GetHashCode();

            public static bool CreatedAtIs(Upload upload, long unixSeconds) =>
                upload.CreatedAt == DateTimeOffset.FromUnixTimeSeconds(unixSeconds) && upload.CreatedAt.Offset == TimeSpan.Zero;

            // ---- Lists, through the context's options (List<T> and IReadOnlyList<T> are in the context) ----

            private static JsonSerializerOptions ListOptions(string route) => route switch
            {
                "context" => s_trailingCommaContext.Options,
                "context-options" => s_contextOnly,
                _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
            };

            public static List<Upload> ReadUploadList(string json, string route) => JsonSerializer.Deserialize<List<Upload>>(json, ListOptions(route))!;

            public static IReadOnlyList<Upload> ReadUploadReadOnlyList(string json, string route) => JsonSerializer.Deserialize<IReadOnlyList<Upload>>(json, ListOptions(route))!;

            public static string WriteUploadList(List<Upload> list, string route) => JsonSerializer.Serialize(list, ListOptions(route));

            public static string WriteUploadReadOnlyList(IReadOnlyList<Upload> list, string route) => JsonSerializer.Serialize(list, ListOptions(route));

            public static string ListTypeInfoKinds(string route)
            {
                var options = ListOptions(route);
                return options.GetTypeInfo(typeof(List<Upload>)).GetType().Name + "|" + options.GetTypeInfo(typeof(IReadOnlyList<Upload>)).GetType().Name;
            }

            // ---- Reflection-free: options whose only resolver is the generated context ----

            public static string ContextOnlyRoundTrip(string json)
            {
                var options = new JsonSerializerOptions { AllowTrailingCommas = true, TypeInfoResolver = OpenAIApiJsonContext.Default };
                Upload upload = JsonSerializer.Deserialize<Upload>(json, options)!;
                return JsonSerializer.Serialize(upload, options);
            }

            /// <summary>Kind and property count of the metadata the context gives for Upload: a converter, not reflected properties.</summary>
            public static string ContextOnlyUploadMetadata()
            {
                JsonTypeInfo info = s_contextOnly.GetTypeInfo(typeof(Upload));
                return info.Kind + "|" + info.Properties.Count + "|" + info.Converter.GetType().Name;
            }

            public static string SerializeLocalThingContextOnly() =>
                JsonSerializer.Serialize(new LocalThing("x", 1), new JsonSerializerOptions { TypeInfoResolver = OpenAIApiJsonContext.Default });

            public static LocalThing DeserializeLocalThingContextOnly(string json) =>
                JsonSerializer.Deserialize<LocalThing>(json, new JsonSerializerOptions { TypeInfoResolver = OpenAIApiJsonContext.Default })!;

            /// <summary>The control: with the default (reflection) resolver the same record serializes fine.</summary>
            public static string SerializeLocalThingWithReflection() => JsonSerializer.Serialize(new LocalThing("x", 1));

            public static bool IsReflectionEnabledByDefault() => JsonSerializer.IsReflectionEnabledByDefault;

            /// <summary>IJsonTypeInfoResolver contract: null for a type the resolver does not handle.</summary>
            public static bool ResolverReturnsNullForUnknownType() =>
                ((IJsonTypeInfoResolver)OpenAIApiJsonContext.Default).GetTypeInfo(typeof(LocalThing), new JsonSerializerOptions()) is null;

            /// <summary>JsonSerializerContext.GetTypeInfo(Type) contract: "the metadata for the specified type, or null if the context has no metadata for the type".</summary>
            public static bool ContextGetTypeInfoReturnsNullForUnknownType() =>
                OpenAIApiJsonContext.Default.GetTypeInfo(typeof(LocalThing)) is null;

            /// <summary>Streams are read in chunks of bufferSize bytes; the generated converters must still see whole values.</summary>
            public static Upload ReadUploadFromStream(string json, int bufferSize)
            {
                var options = new JsonSerializerOptions { AllowTrailingCommas = true, DefaultBufferSize = bufferSize, TypeInfoResolver = OpenAIApiJsonContext.Default };
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
                return JsonSerializer.Deserialize<Upload>(stream, options)!;
            }
        }
        """;

    /// <summary>Only compiles with <c>enum</c> enums.</summary>
    public const string EnumStyle = """
        #nullable enable
        using System;
        using System.Text.Json;
        using Test.Api;

        namespace RuntimeDriver;

        public static partial class Driver
        {
            public static bool StatusIsCancelled(Upload upload) => upload.Status == UploadStatus.Cancelled;

            public static bool FilePurposeIsFineTune(Upload upload) => upload.File is { Purpose: OpenAIFilePurpose.FineTune };

            public static string? TryParseStatus(string? wire) => UploadStatusExtensions.TryParseWireValue(wire, out UploadStatus value) ? value.ToString() : null;

            public static string? TryParsePurpose(string? wire) => OpenAIFilePurposeExtensions.TryParseWireValue(wire, out OpenAIFilePurpose value) ? value.ToString() : null;

            public static string StatusToWire(string member) => Enum.Parse<UploadStatus>(member).ToWireValue();

            public static string PurposeToWire(string member) => Enum.Parse<OpenAIFilePurpose>(member).ToWireValue();

            public static string[] StatusMembers() => Enum.GetNames<UploadStatus>();

            public static string[] PurposeMembers() => Enum.GetNames<OpenAIFilePurpose>();

            public static string UndefinedStatusToWire() => ((UploadStatus)42).ToWireValue();

            public static string WriteUploadWithUndefinedStatus(Upload upload) =>
                JsonSerializer.Serialize(upload with { Status = (UploadStatus)42 }, OpenAIApiJsonContext.Default.Upload);

            public static string SerializePurpose(string member) =>
                JsonSerializer.Serialize(Enum.Parse<OpenAIFilePurpose>(member), OpenAIApiJsonContext.Default.OpenAIFilePurpose);

            public static string DeserializePurpose(string json) =>
                JsonSerializer.Deserialize(json, OpenAIApiJsonContext.Default.OpenAIFilePurpose).ToString();
        }
        """;

    /// <summary>Only compiles with extensible (<c>readonly record struct</c>) enums.</summary>
    public const string ExtensibleStyle = """
        #nullable enable
        using System;
        using System.Text.Json;
        using Test.Api;

        namespace RuntimeDriver;

        public static partial class Driver
        {
            public static bool StatusIsCancelled(Upload upload) =>
                upload.Status.IsKnown
                && upload.Status == UploadStatus.Cancelled
                && upload.Status.Equals(UploadStatus.Cancelled)
                && upload.Status.GetHashCode() == UploadStatus.Cancelled.GetHashCode();

            public static bool FilePurposeIsFineTune(Upload upload) => upload.File is { } file && file.Purpose == OpenAIFilePurpose.FineTune && file.Purpose.IsKnown;

            /// <summary>A switch statement on Value with the Values constants as case labels: they must be consts.</summary>
            public static string StatusBranch(Upload upload)
            {
                switch (upload.Status.Value)
                {
                    case UploadStatus.Values.Pending: return "pending-branch";
                    case UploadStatus.Values.Completed: return "completed-branch";
                    case UploadStatus.Values.Cancelled: return "cancelled-branch";
                    case UploadStatus.Values.Expired: return "expired-branch";
                    default: return "unknown-branch:" + upload.Status.Value;
                }
            }

            public static string PurposeBranch(Upload upload) => upload.File?.Purpose.Value switch
            {
                OpenAIFilePurpose.Values.FineTune => "fine-tune-branch",
                OpenAIFilePurpose.Values.AssistantsOutput => "assistants-output-branch",
                null => "no-file",
                var other => "unknown-branch:" + other,
            };

            /// <summary>Uses the implicit conversion from string.</summary>
            public static Upload WithStatus(Upload upload, string status) => upload with { Status = status };

            public static UploadStatus StatusFromString(string value) => value;

            public static OpenAIFilePurpose PurposeFromString(string value) => value;

            public static bool[] KnownStatusesAreKnown() => new[] { UploadStatus.Pending.IsKnown, UploadStatus.Completed.IsKnown, UploadStatus.Cancelled.IsKnown, UploadStatus.Expired.IsKnown };

            public static string[] KnownStatusValues() => new[] { UploadStatus.Pending.Value, UploadStatus.Completed.Value, UploadStatus.Cancelled.Value, UploadStatus.Expired.Value };

            public static string[] PurposeConstants() => new[]
            {
                OpenAIFilePurpose.Values.Assistants, OpenAIFilePurpose.Values.AssistantsOutput, OpenAIFilePurpose.Values.Batch, OpenAIFilePurpose.Values.BatchOutput,
                OpenAIFilePurpose.Values.FineTune, OpenAIFilePurpose.Values.FineTuneResults, OpenAIFilePurpose.Values.Vision, OpenAIFilePurpose.Values.UserData,
            };

            public static string SerializePurpose(string value) => JsonSerializer.Serialize((OpenAIFilePurpose)value, OpenAIApiJsonContext.Default.OpenAIFilePurpose);
        }
        """;
}
