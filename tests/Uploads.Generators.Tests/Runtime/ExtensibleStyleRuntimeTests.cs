using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Runtime;

/// <summary>EnumStyle=Extensible: enums are readonly record structs over the wire string; unknown values round-trip.</summary>
public sealed class ExtensibleStyleRuntimeTests : RuntimeTestsBase
{
    private static readonly Lazy<RuntimeCompilation> s_api = new(() => RuntimeCompilation.Compile(
        Paths.UploadsSpecFile("Extensible"),
        RuntimeDriverSources.DriverTypeName,
        "Runtime.ExtensibleStyle",
        RuntimeDriverSources.Common,
        RuntimeDriverSources.ExtensibleStyle));

    protected override RuntimeCompilation Api => s_api.Value;

    protected override string EnumToString(string member, string wire) => wire;

    [Fact]
    public void TheEnumsAreReadonlyRecordStructs()
    {
        foreach (var name in new[] { "Test.Api.UploadStatus", "Test.Api.OpenAIFilePurpose" })
        {
            var type = Api.Type(name);
            Assert.True(type.IsValueType && !type.IsEnum, name);
            Assert.True(type.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute), false), name + " is not readonly");
        }
    }

    // ---------------------------------------------------------------- 4. unknown values round-trip

    [Theory]
    [InlineData("default-context")]
    [InlineData("context")]
    [InlineData("context-options")]
    [InlineData("attribute")]
    [InlineData("attribute-no-options")]
    public void AnUnknownStatusRoundTripsUnchanged(string route)
    {
        var json = RuntimeJson.With(Cancel, "status", "\"paused\"");
        var upload = ReadUpload(json, route);
        Assert.Equal("paused", (string)upload.Status.Value);
        Assert.False((bool)upload.Status.IsKnown);
        Assert.Equal("unknown-branch:paused", Api.CallString("StatusBranch", (object)upload));
        Assert.False((bool)Api.Call("StatusIsCancelled", (object)upload)!);

        var written = Api.CallString("RoundTrip", "Upload", json, route);
        RuntimeJson.AssertEquivalent(json, written);
        Assert.Equal("paused", (string?)RuntimeJson.Parse(written)["status"]);
    }

    [Theory]
    [InlineData("Cancelled")]
    [InlineData("CANCELLED")]
    [InlineData("")]
    [InlineData("paused \u00e9\u2603 \"quoted\"")]
    public void AnyOtherStringIsUnknownAndPreservedExactly(string value)
    {
        var json = RuntimeJson.With(Cancel, "status", System.Text.Json.JsonSerializer.Serialize(value));
        var upload = ReadUpload(json, "default-context");
        Assert.Equal(value, (string)upload.Status.Value);
        Assert.False((bool)upload.Status.IsKnown);
        RuntimeJson.AssertEquivalent(json, Api.CallString("RoundTrip", "Upload", json, "default-context"));
    }

    [Theory]
    [InlineData("context")]
    [InlineData("context-options")]
    [InlineData("attribute")]
    public void AnUnknownNestedFilePurposeRoundTripsUnchanged(string route)
    {
        var json = RuntimeJson.With(Complete, "file.purpose", "\"fine-tuning\"");
        var upload = ReadUpload(json, route);
        Assert.Equal("fine-tuning", (string)upload.File.Purpose.Value);
        Assert.False((bool)upload.File.Purpose.IsKnown);
        Assert.False((bool)Api.Call("FilePurposeIsFineTune", (object)upload)!);
        Assert.Equal("unknown-branch:fine-tuning", Api.CallString("PurposeBranch", (object)upload));
        RuntimeJson.AssertEquivalent(json, Api.CallString("RoundTrip", "Upload", json, route));
    }

    [Fact]
    public void AKnownStatusIsKnownAndEqualsTheStaticValue()
    {
        var upload = ReadUpload(Cancel, "default-context");
        Assert.True((bool)upload.Status.IsKnown);
        Assert.Equal("cancelled", (string)upload.Status.Value);
        Assert.True((bool)Api.Call("StatusIsCancelled", (object)upload)!);
        Assert.Equal("cancelled-branch", Api.CallString("StatusBranch", (object)upload));

        var cancelled = Api.Type("Test.Api.UploadStatus").GetProperty("Cancelled")!.GetValue(null)!;
        Assert.Equal(cancelled, (object)upload.Status);
        Assert.Equal(cancelled, Api.Call("StatusFromString", "cancelled"));
        Assert.NotEqual(cancelled, Api.Call("StatusFromString", "Cancelled"));
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("completed")]
    [InlineData("cancelled")]
    [InlineData("expired")]
    public void EveryKnownStatusTakesItsSwitchBranch(string wire)
    {
        var upload = ReadUpload(RuntimeJson.With(Cancel, "status", "\"" + wire + "\""), "default-context");
        Assert.True((bool)upload.Status.IsKnown);
        Assert.Equal(wire + "-branch", Api.CallString("StatusBranch", (object)upload));
    }

    [Fact]
    public void TheStaticValuesAndConstantsAreTheWireValues()
    {
        Assert.Equal(new[] { true, true, true, true }, (bool[])Api.Call("KnownStatusesAreKnown")!);
        Assert.Equal(new[] { "pending", "completed", "cancelled", "expired" }, (string[])Api.Call("KnownStatusValues")!);
        Assert.Equal(
            new[] { "assistants", "assistants_output", "batch", "batch_output", "fine-tune", "fine-tune-results", "vision", "user_data" },
            (string[])Api.Call("PurposeConstants")!);
    }

    [Fact]
    public void TheNestedFineTunePurposeIsKnown()
    {
        var upload = ReadUpload(Complete, "context");
        Assert.True((bool)upload.File.Purpose.IsKnown);
        Assert.Equal("fine-tune-branch", Api.CallString("PurposeBranch", (object)upload));
    }

    [Fact]
    public void AValueMadeFromAStringIsWrittenAsThatString()
    {
        var upload = Api.Call("ReadUpload", Cancel, "default-context")!;
        var paused = Api.Call("WithStatus", upload, "paused")!;
        var written = Api.CallString("WriteUpload", paused, "default-context");
        RuntimeJson.AssertEquivalent(RuntimeJson.With(Cancel, "status", "\"paused\""), written);
        Assert.Equal("\"user_data\"", Api.CallString("SerializePurpose", "user_data"));
        Assert.Equal("\"not-yet-documented\"", Api.CallString("SerializePurpose", "not-yet-documented"));
    }
}
