using System.Text.Json;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Runtime;

/// <summary>The default enum style: C# enums, with unknown wire values rejected.</summary>
public sealed class EnumStyleRuntimeTests : RuntimeTestsBase
{
    private static readonly Lazy<RuntimeCompilation> s_api = new(() => RuntimeCompilation.Compile(
        Paths.UploadsSpecFile(),
        RuntimeDriverSources.DriverTypeName,
        "Runtime.EnumStyle",
        RuntimeDriverSources.Common,
        RuntimeDriverSources.EnumStyle));

    protected override RuntimeCompilation Api => s_api.Value;

    protected override string EnumToString(string member, string wire) => member;

    public static TheoryData<string, string> Purposes => new()
    {
        { "Assistants", "assistants" },
        { "AssistantsOutput", "assistants_output" },
        { "Batch", "batch" },
        { "BatchOutput", "batch_output" },
        { "FineTune", "fine-tune" },
        { "FineTuneResults", "fine-tune-results" },
        { "Vision", "vision" },
        { "UserData", "user_data" },
    };

    public static TheoryData<string, string> Statuses => new()
    {
        { "Pending", "pending" },
        { "Completed", "completed" },
        { "Cancelled", "cancelled" },
        { "Expired", "expired" },
    };

    [Fact]
    public void TheGeneratedTypesHaveTheDocumentedShapes()
    {
        Assert.True(Api.Type("Test.Api.UploadStatus").IsEnum);
        Assert.True(Api.Type("Test.Api.OpenAIFilePurpose").IsEnum);
        Assert.Equal(typeof(long), Api.Type("Test.Api.Upload").GetProperty("Bytes")!.PropertyType);
        Assert.Equal(typeof(DateTimeOffset), Api.Type("Test.Api.Upload").GetProperty("CreatedAt")!.PropertyType);
        Assert.Equal(Api.Type("Test.Api.OpenAIFilePurpose"), Api.Type("Test.Api.OpenAIFile").GetProperty("Purpose")!.PropertyType);
        Assert.Equal(new[] { "Pending", "Completed", "Cancelled", "Expired" }, (string[])Api.Call("StatusMembers")!);
        Assert.Equal(Purposes.Select(p => (string)p[0]), (string[])Api.Call("PurposeMembers")!);
    }

    // ---------------------------------------------------------------- 4. unknown enum values are errors

    [Theory]
    [InlineData("default-context")]
    [InlineData("context")]
    [InlineData("context-options")]
    [InlineData("attribute")]
    [InlineData("attribute-no-options")]
    public void AnUnknownStatusIsAJsonExceptionNamingTheEnumTheValueAndThePath(string route)
    {
        var json = RuntimeJson.With(Cancel, "status", "\"paused\"");
        RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, route), "$.status", "UploadStatus", "paused");
    }

    [Theory]
    [InlineData("context")]
    [InlineData("context-options")]
    [InlineData("attribute")]
    public void AnUnknownNestedFilePurposeIsAJsonExceptionAtTheNestedPath(string route)
    {
        var json = RuntimeJson.With(Complete, "file.purpose", "\"fine-tuning\"");
        RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, route), "$.file.purpose", "OpenAIFilePurpose", "fine-tuning");
    }

    [Theory]
    [InlineData("Cancelled")]   // the C# member name, not the wire value
    [InlineData("CANCELLED")]
    [InlineData(" cancelled")]
    [InlineData("canceled")]
    [InlineData("")]
    public void StatusWireValuesAreMatchedExactlyInJson(string value)
    {
        var json = RuntimeJson.With(Cancel, "status", JsonSerializer.Serialize(value));
        RuntimeJson.AssertError(() => Api.Call("ReadUpload", json, "default-context"), "$.status", "UploadStatus");
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void EveryStatusReadsAndWritesItsWireValue(string member, string wire)
    {
        var json = RuntimeJson.With(Cancel, "status", "\"" + wire + "\"");
        var upload = ReadUpload(json, "default-context");
        Assert.Equal(member, ((object)upload.Status).ToString());
        RuntimeJson.AssertEquivalent(json, Api.CallString("RoundTrip", "Upload", json, "default-context"));
    }

    [Theory]
    [MemberData(nameof(Purposes))]
    public void EveryNestedFilePurposeReadsAndWritesItsWireValue(string member, string wire)
    {
        var json = RuntimeJson.With(Complete, "file.purpose", "\"" + wire + "\"");
        var upload = ReadUpload(json, "context");
        Assert.Equal(member, ((object)upload.File.Purpose).ToString());
        RuntimeJson.AssertEquivalent(json, Api.CallString("RoundTrip", "Upload", json, "context"));
        Assert.Equal("\"" + wire + "\"", Api.CallString("SerializePurpose", member));
        Assert.Equal(member, Api.CallString("DeserializePurpose", "\"" + wire + "\""));
    }

    [Fact]
    public void AnUndefinedEnumValueIsNotWrittenAsANumber()
    {
        var upload = Api.Call("ReadUpload", Cancel, "default-context")!;
        Assert.ThrowsAny<ArgumentException>(() => Api.Call("WriteUploadWithUndefinedStatus", upload));
        Assert.ThrowsAny<ArgumentException>(() => Api.Call("UndefinedStatusToWire"));
    }

    // ---------------------------------------------------------------- 6. ToWireValue / TryParseWireValue

    [Theory]
    [MemberData(nameof(Purposes))]
    public void PurposeWireValuesMapBothWays(string member, string wire)
    {
        Assert.Equal(wire, Api.CallString("PurposeToWire", member));
        Assert.Equal(member, Api.Call("TryParsePurpose", wire));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void StatusWireValuesMapBothWays(string member, string wire)
    {
        Assert.Equal(wire, Api.CallString("StatusToWire", member));
        Assert.Equal(member, Api.Call("TryParseStatus", wire));
    }

    [Theory]
    [InlineData("Fine-Tune")]
    [InlineData("FINE-TUNE")]
    [InlineData("FineTune")]      // the C# member name
    [InlineData("fine_tune")]
    [InlineData("finetune")]
    [InlineData(" fine-tune")]
    [InlineData("fine-tune ")]
    [InlineData("Assistants")]
    [InlineData("assistants-output")]
    [InlineData("4")]             // FineTune's underlying number
    [InlineData("0")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParsePurposeRejectsAnythingButTheExactWireValue(string? value)
    {
        Assert.Null(Api.Call("TryParsePurpose", value));
    }

    [Theory]
    [InlineData("Cancelled")]
    [InlineData("CANCELLED")]
    [InlineData("canceled")]
    [InlineData("cancelled ")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseStatusRejectsAnythingButTheExactWireValue(string? value)
    {
        Assert.Null(Api.Call("TryParseStatus", value));
    }

    [Fact]
    public void TryParseAcceptsTheExactFineTune()
    {
        Assert.Equal("FineTune", Api.Call("TryParsePurpose", "fine-tune"));
        Assert.Equal("FineTuneResults", Api.Call("TryParsePurpose", "fine-tune-results"));
        Assert.Null(Api.Call("TryParsePurpose", "Fine-Tune"));
    }
}
