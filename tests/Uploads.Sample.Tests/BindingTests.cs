using System.Net.Http.Headers;
using System.Text;

namespace Uploads.Sample.Tests;

/// <summary>
/// Requests the generated endpoints cannot bind are a 400 with the spec's ErrorResponse (every operation declares it as
/// its <c>default</c> response) and a message saying what is wrong; never a 500.
/// </summary>
public sealed class BindingTests : IAsyncLifetime
{
    private const string ValidCreate = """{"filename":"a.jsonl","purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl"}""";
    private Harness _harness = null!;

    public async Task InitializeAsync() => _harness = await Harness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AValidCreate_IsBound()
    {
        using var response = await _harness.Http.PostAsync("uploads", Harness.Json(ValidCreate));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"status\":\"pending\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMissingRequiredBody_Is400()
    {
        using var response = await _harness.Http.PostAsync("uploads", null);
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Equal("The required request body 'body' is missing.", error.Message);
        Assert.Equal("body", error.Param);
    }

    [Theory]
    [InlineData("""{"filename":"a.jsonl","purpose":"fine-tune","bytes":3""", "body")]
    [InlineData("""{"filename":"a.jsonl",,}""", "body")]
    [InlineData("not json", "body")]
    public async Task MalformedJson_Is400(string json, string param)
    {
        using var response = await _harness.Http.PostAsync("uploads", Harness.Json(json));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.StartsWith("The request body is not valid:", error.Message);
        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData("""{"filename":"a.jsonl","purpose":"fine-tune","bytes":"three","mime_type":"text/jsonl"}""", "bytes")]
    [InlineData("""{"filename":"a.jsonl","purpose":"fine-tune","bytes":3.5,"mime_type":"text/jsonl"}""", "bytes")]
    [InlineData("""{"filename":42,"purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl"}""", "filename")]
    [InlineData("""{"filename":"a.jsonl","purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl","expires_after":{"anchor":"created_at","seconds":"soon"}}""", "seconds")]
    public async Task AValueOfTheWrongType_Is400_NamingTheProperty(string json, string property)
    {
        using var response = await _harness.Http.PostAsync("uploads", Harness.Json(json));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public async Task AnUnknownEnumValue_Is400_NamingTheValue()
    {
        using var response = await _harness.Http.PostAsync("uploads", Harness.Json(ValidCreate.Replace("fine-tune", "paused")));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Contains("paused", error.Message);
        Assert.Contains("purpose", error.Message);
    }

    [Theory]
    [InlineData("filename")]
    [InlineData("purpose")]
    [InlineData("bytes")]
    [InlineData("mime_type")]
    public async Task AMissingRequiredProperty_Is400_NamingIt(string property)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(ValidCreate)!.AsObject();
        json.Remove(property);
        using var response = await _harness.Http.PostAsync("uploads", Harness.Json(json.ToJsonString()));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public async Task ABodyThatIsNotJson_Is400()
    {
        using var response = await _harness.Http.PostAsync("uploads", new StringContent(ValidCreate, Encoding.UTF8, "text/plain"));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Contains("must be JSON", error.Message);
    }

    [Theory]
    [InlineData("""{"part_ids":"part_a"}""", "part_ids")]
    [InlineData("""{"part_ids":[1,2]}""", "part_ids")]
    [InlineData("""{"md5":"abc"}""", "part_ids")]
    [InlineData("""{"part_ids":[],"md5":7}""", "md5")]
    public async Task ACompleteBodyThatDoesNotMatchTheSchema_Is400(string json, string property)
    {
        var upload = await _harness.CreateAsync(3);
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/complete", Harness.Json(json));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public async Task APartThatIsNotMultipart_Is400()
    {
        var upload = await _harness.CreateAsync(3);
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/parts", Harness.Json("""{"data":"abc"}"""));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Contains("multipart/form-data", error.Message);
    }

    [Fact]
    public async Task AMultipartBodyWithoutTheDataPart_Is400()
    {
        var upload = await _harness.CreateAsync(3);
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/parts", Harness.Multipart("""
            --sample-boundary
            Content-Disposition: form-data; name="other"

            abc
            --sample-boundary--

            """));
        var error = await Harness.AssertErrorAsync(response, 400);
        Assert.Equal("The required file part 'data' is missing.", error.Message);
        Assert.Equal("data", error.Param);
    }

    [Fact]
    public async Task DataSentAsAPlainFormField_IsAPart_LikeTheSpecsCurlExample()
    {
        var upload = await _harness.CreateAsync(3);
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/parts", Harness.Multipart("""
            --sample-boundary
            Content-Disposition: form-data; name="data"

            abc
            --sample-boundary--

            """));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((1, 3L), await _harness.Store.CountPartsAsync(upload.Id));
    }

    [Fact]
    public async Task ATruncatedDataPart_Is400()
    {
        var upload = await _harness.CreateAsync(3);
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/parts", Harness.Multipart("""
            --sample-boundary
            Content-Disposition: form-data; name="data"; filename="a.bin"

            abc
            """));
        await Harness.AssertErrorAsync(response, 400);
        await _harness.WaitForNoTempFilesAsync();
    }

    [Theory]
    [InlineData("no boundary anywhere")]
    [InlineData("--sample-boundary\r\nContent-Disposition: form-da")]
    [InlineData("--sample-boundary\r\nContent-Disposition: form-data; name=\"other\"; filename=\"o.bin\"\r\n\r\nxyz")]
    public async Task AMalformedMultipartBody_Is400(string body)
    {
        var upload = await _harness.CreateAsync(3);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=sample-boundary");
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/parts", content);
        await Harness.AssertErrorAsync(response, 400);
    }

    [Fact]
    public async Task AMultipartContentTypeWithoutBoundary_Is400()
    {
        var upload = await _harness.CreateAsync(3);
        var content = new ByteArrayContent("abc"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        using var response = await _harness.Http.PostAsync($"uploads/{upload.Id}/parts", content);
        await Harness.AssertErrorAsync(response, 400);
    }
}
