using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Runtime;

/// <summary>
/// Runtime behaviour shared by both enum styles: the generated code is compiled with a driver, loaded and run.
/// Each derived class compiles once (a static <see cref="Lazy{T}"/>) and inherits these tests.
/// </summary>
public abstract class RuntimeTestsBase
{
    protected abstract RuntimeCompilation Api { get; }

    /// <summary>Every route the driver reads and writes through (see Driver.Read).</summary>
    public static readonly string[] AllRoutes = { "default-context", "context", "context-options", "attribute", "attribute-no-options", "copied-default-options", "naming-policy" };

    /// <summary>Routes whose options allow trailing commas (OpenAI's examples with nested objects have them).</summary>
    public static readonly string[] LenientRoutes = { "context", "context-options", "attribute", "copied-default-options", "naming-policy" };

    protected static string Cancel => RuntimeSpecExamples.CancelUploadResponse;

    protected static string Complete => RuntimeSpecExamples.CompleteUploadResponse;

    public static IEnumerable<object[]> DocumentedExamples()
    {
        var examples = new (string Name, string Type)[]
        {
            ("createUpload response", "Upload"),
            ("cancelUpload response", "Upload"),
            ("completeUpload response", "Upload"),
            ("Upload object", "Upload"),
            ("OpenAIFile object", "OpenAIFile"),
            ("addUploadPart response", "UploadPart"),
            ("UploadPart object", "UploadPart"),
        };
        foreach (var (name, type) in examples)
        {
            var routes = RuntimeJson.HasTrailingComma(Example(name)) ? LenientRoutes : AllRoutes;
            foreach (var route in routes) yield return new object[] { name, type, route };
        }
    }

    protected static string Example(string name) => name switch
    {
        "createUpload response" => RuntimeSpecExamples.CreateUploadResponse,
        "cancelUpload response" => RuntimeSpecExamples.CancelUploadResponse,
        "completeUpload response" => RuntimeSpecExamples.CompleteUploadResponse,
        "Upload object" => RuntimeSpecExamples.UploadObject,
        "OpenAIFile object" => RuntimeSpecExamples.OpenAIFileObject,
        "addUploadPart response" => RuntimeSpecExamples.AddUploadPartResponse,
        "UploadPart object" => RuntimeSpecExamples.UploadPartObject,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    protected dynamic ReadUpload(string json, string route = "context") => Api.Call("ReadUpload", json, route)!;

    // ---------------------------------------------------------------- compilation

    [Fact]
    public void GeneratedCodeAndDriverEmitWithoutErrorsOrWarnings()
    {
        // Api compiles lazily and throws (with every diagnostic listed) if the emit reported an error or a warning.
        Assert.NotNull(Api.Assembly);
        Assert.DoesNotContain(Api.Generator.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(Api.Context.IsCollectible);
    }

    [Fact]
    public void TheExamplesUsedAreOpenAIsAndIncludeTheTrailingCommas()
    {
        // Guards the premise of the tests below: the examples come from the spec as OpenAI wrote them.
        Assert.True(RuntimeJson.HasTrailingComma(Complete));
        Assert.True(RuntimeJson.HasTrailingComma(RuntimeSpecExamples.OpenAIFileObject));
        Assert.False(RuntimeJson.HasTrailingComma(Cancel));
        Assert.Contains("\"status\": \"cancelled\"", Cancel, StringComparison.Ordinal);
        Assert.DoesNotContain("\"file\"", Cancel, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- 1. round trips of the documented examples

    [Theory]
    [MemberData(nameof(DocumentedExamples), MemberType = typeof(RuntimeTestsBase))]
    public void DocumentedExampleRoundTripsToEquivalentJson(string example, string type, string route)
    {
        var json = Example(example);
        var written = Api.CallString("RoundTrip", type, json, route);
        RuntimeJson.AssertEquivalent(json, written);
    }

    [Theory]
    [MemberData(nameof(AllRoutesData), MemberType = typeof(RuntimeTestsBase))]
    public void CancelExampleReadsIntoTypedValues(string route)
    {
        var upload = ReadUpload(Cancel, route);
        Assert.Equal("upload_abc123", (string)upload.Id);
        Assert.Equal("upload", (string)upload.Object);
        Assert.Equal("training_examples.jsonl", (string)upload.Filename);
        Assert.Equal("fine-tune", (string)upload.Purpose);
        Assert.IsType<long>((object)upload.Bytes);
        Assert.Equal(2147483648L, (long)upload.Bytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719184911), (DateTimeOffset)upload.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719127296), (DateTimeOffset)upload.ExpiresAt);
        Assert.True((bool)Api.Call("CreatedAtIs", (object)upload, 1719184911L)!);
        Assert.True((bool)Api.Call("StatusIsCancelled", (object)upload)!);
        Assert.Null((object?)upload.File);
    }

    public static IEnumerable<object[]> AllRoutesData() => AllRoutes.Select(r => new object[] { r });

    public static IEnumerable<object[]> LenientRoutesData() => LenientRoutes.Select(r => new object[] { r });

    [Theory]
    [MemberData(nameof(AllRoutesData), MemberType = typeof(RuntimeTestsBase))]
    public void CancelExampleWritesNoFileProperty(string route)
    {
        var written = Api.CallString("RoundTrip", "Upload", Cancel, route);
        var node = RuntimeJson.Parse(written).AsObject();
        Assert.False(node.ContainsKey("file"), "file is absent in OpenAI's example and must stay absent: " + written);
        Assert.Equal("cancelled", (string?)node["status"]);
        Assert.Equal(2147483648L, (long)node["bytes"]!);
        Assert.Equal(1719184911L, (long)node["created_at"]!);
    }

    [Theory]
    [MemberData(nameof(LenientRoutesData), MemberType = typeof(RuntimeTestsBase))]
    public void CompleteExampleReadsTheNestedFile(string route)
    {
        var upload = ReadUpload(Complete, route);
        Assert.True((bool)Api.Call("FilePurposeIsFineTune", (object)upload)!);
        var file = upload.File;
        Assert.NotNull((object?)file);
        Assert.Equal("file-xyz321", (string)file.Id);
        Assert.Equal("file", (string)file.Object);
        Assert.IsType<long>((object)file.Bytes);
        Assert.Equal(2147483648L, (long)file.Bytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719186911), (DateTimeOffset)file.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719127296), (DateTimeOffset?)file.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(LenientRoutesData), MemberType = typeof(RuntimeTestsBase))]
    public void CompleteExampleWritesTheNestedPurposeAsItsWireValueAndNoAbsentProperties(string route)
    {
        var written = Api.CallString("RoundTrip", "Upload", Complete, route);
        var file = RuntimeJson.Parse(written)["file"]!.AsObject();
        Assert.Equal("fine-tune", (string?)file["purpose"]);
        Assert.Equal(2147483648L, (long)file["bytes"]!);
        // OpenAI's nested file has no (deprecated) status and no status_details: neither may appear, not even as null.
        Assert.False(file.ContainsKey("status"), written);
        Assert.False(file.ContainsKey("status_details"), written);
    }

    [Theory]
    [InlineData("uploaded")]
    [InlineData("processed")]
    [InlineData("error")]
    public void TheDeprecatedFileStatusAndDetailsRoundTripWhenPresent(string status)
    {
        var json = RuntimeJson.With(RuntimeJson.With(Complete, "file.status", "\"" + status + "\""), "file.status_details", "\"Line 3: bad JSON\"");
        var written = Api.CallString("RoundTrip", "Upload", json, "context");
        RuntimeJson.AssertEquivalent(json, written);
        Assert.Equal(status, (string?)RuntimeJson.Parse(written)["file"]!["status"]);
    }

    [Fact]
    public void OpenAIFileExampleReadsIntoTypedValues()
    {
        var file = Api.Call("ReadFile", RuntimeSpecExamples.OpenAIFileObject, "context")!;
        dynamic d = file;
        Assert.Equal("file-abc123", (string)d.Id);
        Assert.IsType<long>((object)d.Bytes);
        Assert.Equal(120000L, (long)d.Bytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1677610602), (DateTimeOffset)d.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1680202602), (DateTimeOffset?)d.ExpiresAt);
        Assert.Equal("salesOverview.pdf", (string)d.Filename);
        Assert.Equal(EnumToString("Assistants", "assistants"), (string)d.Purpose.ToString());
    }

    /// <summary>What an enum value's ToString gives: the member name (enum style) or the wire value (extensible).</summary>
    protected abstract string EnumToString(string member, string wire);

    [Fact]
    public void UploadPartExamplesReadIntoTypedValues()
    {
        dynamic response = Api.Call("ReadPart", RuntimeSpecExamples.AddUploadPartResponse, "default-context")!;
        Assert.Equal("part_def456", (string)response.Id);
        Assert.Equal("upload.part", (string)response.Object);
        Assert.Equal("upload_abc123", (string)response.UploadId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719185911), (DateTimeOffset)response.CreatedAt);

        dynamic schemaExample = Api.Call("ReadPart", RuntimeSpecExamples.UploadPartObject, "default-context")!;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719186911), (DateTimeOffset)schemaExample.CreatedAt);
    }

    [Fact]
    public void EveryRouteReadsTheSameRecord()
    {
        var reference = Api.Call("ReadUpload", Cancel, "default-context")!;
        foreach (var route in AllRoutes)
        {
            Assert.True((bool)Api.Call("RecordsEqual", reference, Api.Call("ReadUpload", Cancel, route)!)!, route);
        }
        var complete = Api.Call("ReadUpload", Complete, "context")!;
        foreach (var route in LenientRoutes)
        {
            Assert.True((bool)Api.Call("RecordsEqual", complete, Api.Call("ReadUpload", Complete, route)!)!, route);
        }
        Assert.False((bool)Api.Call("RecordsEqual", reference, complete)!);
    }

    [Theory]
    [InlineData("default-context")]
    [InlineData("attribute-no-options")]
    public void OptionsWithoutAllowTrailingCommasRejectTheCompleteExample(string route)
    {
        // The control for the lenient routes: the trailing comma is really there and only the options admit it,
        // so the context bound to AllowTrailingCommas options must pass them on to the reader.
        Assert.ThrowsAny<JsonException>(() => Api.Call("ReadUpload", Complete, route));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void StreamsReadInSmallChunksGiveTheSameRecord(int bufferSize)
    {
        var fromString = Api.Call("ReadUpload", Complete, "context")!;
        var fromStream = Api.Call("ReadUploadFromStream", Complete, bufferSize)!;
        Assert.True((bool)Api.Call("RecordsEqual", fromString, fromStream)!);
    }

    // ---------------------------------------------------------------- 2. lists through the context's options

    [Theory]
    [InlineData("context")]
    [InlineData("context-options")]
    public void ListsOfUploadsRoundTrip(string route)
    {
        var array = "[" + Cancel + "," + Complete + "," + RuntimeSpecExamples.CreateUploadResponse + "]";

        dynamic list = Api.Call("ReadUploadList", array, route)!;
        Assert.Equal(3, (int)list.Count);
        Assert.True((bool)Api.Call("StatusIsCancelled", (object)list[0])!);
        Assert.True((bool)Api.Call("FilePurposeIsFineTune", (object)list[1])!);
        Assert.True((bool)Api.Call("RecordsEqual", (object)list[1], Api.Call("ReadUpload", Complete, "context")!)!);
        RuntimeJson.AssertEquivalent(array, Api.CallString("WriteUploadList", (object)list, route));

        dynamic readOnly = Api.Call("ReadUploadReadOnlyList", array, route)!;
        Assert.Equal(3, (int)readOnly.Count);
        Assert.True((bool)Api.Call("RecordsEqual", (object)readOnly[2], (object)list[2])!);
        RuntimeJson.AssertEquivalent(array, Api.CallString("WriteUploadReadOnlyList", (object)readOnly, route));
    }

    [Fact]
    public void AnErrorInAListItemHasTheItemIndexInItsPath()
    {
        var array = "[" + Cancel + "," + RuntimeJson.With(Cancel, "bytes", "\"12\"") + "]";
        RuntimeJson.AssertError(() => Api.Call("ReadUploadList", array, "context"), "$[1].bytes");
    }

    [Fact]
    public void AnErrorDeepInAListItemHasTheWholePath()
    {
        var array = "[" + Complete + "," + RuntimeJson.With(Complete, "file.bytes", "true") + "]";
        RuntimeJson.AssertError(() => Api.Call("ReadUploadList", array, "context"), "$[1].file.bytes");
    }

    [Fact]
    public void AnObjectWhereAListIsExpectedIsAJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => Api.Call("ReadUploadList", Cancel, "context"));
    }

    // ---------------------------------------------------------------- 3. reflection-free

    [Fact]
    public void OptionsResolvedOnlyByTheContextRoundTripTheNestedExample()
    {
        RuntimeJson.AssertEquivalent(Complete, Api.CallString("ContextOnlyRoundTrip", Complete));
        // The metadata is the generated converter (JsonTypeInfoKind.None), not reflected properties.
        Assert.Equal("None|0|UploadJsonConverter", Api.CallString("ContextOnlyUploadMetadata"));
    }

    [Fact]
    public void OptionsResolvedOnlyByTheContextRejectTypesTheContextDoesNotKnow()
    {
        // Control: reflection is on in this process and the record is serializable with the default resolver,
        // so the failures below can only come from the context resolving nothing else (no reflection fallback).
        Assert.True((bool)Api.Call("IsReflectionEnabledByDefault")!);
        Assert.Equal("{\"Name\":\"x\",\"Count\":1}", Api.CallString("SerializeLocalThingWithReflection"));

        var write = Assert.Throws<NotSupportedException>(() => Api.Call("SerializeLocalThingContextOnly"));
        Assert.Contains("LocalThing", write.Message, StringComparison.Ordinal);
        var read = Assert.Throws<NotSupportedException>(() => Api.Call("DeserializeLocalThingContextOnly", "{\"Name\":\"x\",\"Count\":1}"));
        Assert.Contains("LocalThing", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheContextAsResolverReturnsNullForAnUnknownType()
    {
        Assert.True((bool)Api.Call("ResolverReturnsNullForUnknownType")!);
    }

    [Fact]
    public void TheContextsGetTypeInfoReturnsNullForAnUnknownType()
    {
        // JsonSerializerContext.GetTypeInfo(Type): "The metadata for the specified type, or null if the context has no metadata for the type."
        Assert.True((bool)Api.Call("ContextGetTypeInfoReturnsNullForUnknownType")!);
    }

    // ---------------------------------------------------------------- 5. wrong JSON types, missing and null values

    [Theory]
    [InlineData("bytes", "\"12\"", "$.bytes")]
    [InlineData("bytes", "1e400", "$.bytes")]
    [InlineData("bytes", "9223372036854775808", "$.bytes")]
    [InlineData("bytes", "12.5", "$.bytes")]
    [InlineData("bytes", "true", "$.bytes")]
    [InlineData("bytes", "null", "$.bytes")]
    [InlineData("created_at", "\"yesterday\"", "$.created_at")]
    [InlineData("created_at", "\"2024-06-23T23:28:31Z\"", "$.created_at")]
    [InlineData("created_at", "1719184911.5", "$.created_at")]
    [InlineData("created_at", "253402300800", "$.created_at")]
    [InlineData("created_at", "null", "$.created_at")]
    [InlineData("expires_at", "{}", "$.expires_at")]
    [InlineData("id", "null", "$.id")]
    [InlineData("id", "123", "$.id")]
    [InlineData("filename", "[]", "$.filename")]
    [InlineData("purpose", "null", "$.purpose")]
    [InlineData("status", "null", "$.status")]
    [InlineData("status", "2", "$.status")]
    [InlineData("status", "[\"cancelled\"]", "$.status")]
    [InlineData("file", "\"file-xyz321\"", "$.file")]
    [InlineData("file", "[]", "$.file")]
    public void AWrongJsonTypeIsAJsonExceptionWithThePropertyPath(string property, string rawValue, string path)
    {
        var json = RuntimeJson.With(Cancel, property, rawValue);
        foreach (var route in new[] { "default-context", "attribute-no-options" })
        {
            RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, route), path);
        }
    }

    [Theory]
    [InlineData("file.bytes", "\"12\"", "$.file.bytes")]
    [InlineData("file.created_at", "\"yesterday\"", "$.file.created_at")]
    [InlineData("file.id", "null", "$.file.id")]
    [InlineData("file.purpose", "null", "$.file.purpose")]
    [InlineData("file.purpose", "7", "$.file.purpose")]
    public void AWrongJsonTypeInTheNestedFileHasTheNestedPath(string property, string rawValue, string path)
    {
        var json = RuntimeJson.With(Complete, property, rawValue);
        RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, "context"), path);
    }

    [Fact]
    public void AnOutOfRangeNumberMessageShowsTheNumber()
    {
        RuntimeJson.AssertError(() => Api.Call("ReadUpload", RuntimeJson.With(Cancel, "bytes", "1e400"), "context"), "$.bytes", "1e400");
    }

    [Theory]
    [InlineData("id")]
    [InlineData("created_at")]
    [InlineData("filename")]
    [InlineData("bytes")]
    [InlineData("purpose")]
    [InlineData("status")]
    [InlineData("expires_at")]
    public void AMissingRequiredPropertyIsAJsonExceptionNamingIt(string property)
    {
        var json = RuntimeJson.With(Cancel, property, null);
        var exception = Assert.ThrowsAny<JsonException>(() => Api.Call("ReadUpload", json, "default-context"));
        Assert.Matches(@"(^|[^a-z_])" + Regex.Escape(property) + @"($|[^a-z_])", exception.Message);
        Assert.Contains("Upload", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRequiredPropertyOfTheNestedFileIsAJsonExceptionAtTheFile()
    {
        var json = RuntimeJson.With(Complete, "file.id", null);
        var exception = RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, "context"), "$.file");
        Assert.Contains("'id'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("OpenAIFile", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalPropertiesMayBeAbsentAndTheConstObjectDefaults()
    {
        var json = RuntimeJson.With(Cancel, "object", null);
        var upload = ReadUpload(json, "default-context");
        Assert.Equal("upload", (string)upload.Object);
        Assert.Null((object?)upload.File);
    }

    [Fact]
    public void ANullFileIsAllowedAndReadsAsNull()
    {
        var json = RuntimeJson.With(Cancel, "file", "null");
        foreach (var route in AllRoutes)
        {
            var upload = ReadUpload(json, route);
            Assert.Null((object?)upload.File);
            Assert.True((bool)Api.Call("RecordsEqual", (object)upload, Api.Call("ReadUpload", Cancel, route)!)!, route);
        }
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"id\":\"upload_abc123\"}]")]
    [InlineData("\"upload_abc123\"")]
    [InlineData("42")]
    [InlineData("true")]
    public void ANonObjectAtTheTopIsAJsonException(string json)
    {
        foreach (var route in new[] { "default-context", "context-options", "attribute-no-options" })
        {
            var exception = RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, route), "$");
            Assert.Contains("Upload", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownPropertiesAreSkippedWhateverTheirShape()
    {
        var json = RuntimeJson.WithLeadingProperty(Complete, "x_future", "{\"nested\":[1,{\"a\":null,\"b\":[[],{}]}],\"s\":\"}\"}");
        json = RuntimeJson.With(json, "file.x_other", "[{\"purpose\":\"not-a-purpose\"}]");
        var withExtras = Api.Call("ReadUpload", json, "context")!;
        Assert.True((bool)Api.Call("RecordsEqual", withExtras, Api.Call("ReadUpload", Complete, "context")!)!);
    }

    [Fact]
    public void EscapedPropertyNamesAndValuesAreUnescapedBeforeMatching()
    {
        // "\u0069d" is "id" and "cancel\u006ced" is "cancelled": readers must compare unescaped text.
        var json = Cancel
            .Replace("\"id\":", "\"\\u0069d\":", StringComparison.Ordinal)
            .Replace("\"cancelled\"", "\"cancel\\u006ced\"", StringComparison.Ordinal);
        Assert.Contains("\\u0069d", json, StringComparison.Ordinal);
        Assert.Contains("cancel\\u006ced", json, StringComparison.Ordinal);
        var upload = Api.Call("ReadUpload", json, "default-context")!;
        Assert.True((bool)Api.Call("RecordsEqual", upload, Api.Call("ReadUpload", Cancel, "default-context")!)!);
        Assert.True((bool)Api.Call("StatusIsCancelled", upload)!);
    }

    [Fact]
    public void PropertyNamesAreMatchedExactly()
    {
        // "ID" is not "id": the required id is then missing.
        var json = RuntimeJson.With(RuntimeJson.With(Cancel, "id", null), "ID", "\"upload_abc123\"");
        Assert.ThrowsAny<JsonException>(() => Api.Call("ReadUpload", json, "attribute-no-options"));
    }
}
