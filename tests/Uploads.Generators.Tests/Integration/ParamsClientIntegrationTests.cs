using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Integration;

/// <summary>
/// The clients generated from Integration/Specs/params.openapi.yaml, run against a real Kestrel server: query arrays
/// in each style, header and cookie parameters, a form body, a keyword-named parameter, an operation without an
/// operationId, the document's server as base address, an API-key credential, and 2xx/4xx bodies that do or do not
/// match their schemas.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ParamsClientIntegrationTests(IntegrationFixture fixture)
{
    private const string Hits = """{"hits":3}""";

    private IntegrationServer Server => fixture.Server;

    private RuntimeCompilation Api => fixture.Params;

    private string Root => Server.BaseUrl + "/root";

    private Task<object?> Search(
        Scenario scenario,
        string scope = "all",
        string requestTag = "tag-1",
        int? limit = null,
        string[]? tags = null,
        string[]? ids = null,
        string[]? words = null,
        string[]? pipes = null,
        long[]? counts = null,
        string[]? flags = null,
        string? session = null,
        string? theme = null,
        string? apiKey = null) =>
        Api.CallAsync("Search", Root, scenario.Id, scope, requestTag, "find me", limit, tags, ids, words, pipes, counts, flags, session, theme, apiKey).Within();

    private Scenario Answer(string json) => Server.NewScenario((context, _) => IntegrationServer.Json(context, json));

    private static string Decode(string raw) => Uri.UnescapeDataString(raw);

    // ---------------------------------------------------------------- the generated surface

    [Fact]
    public void TheGeneratedSignaturesFollowTheContract()
    {
        var client = Api.Type("Test.Params.ParamsClient");
        Assert.Contains(Api.Type("Test.Params.IParamsClient"), client.GetInterfaces());
        Assert.NotNull(client.GetConstructor(new[] { typeof(HttpClient) }));
        Assert.NotNull(client.GetConstructor(new[] { typeof(HttpClient), Api.Type("Test.Params.ParamsTestClientOptions") }));

        // Required path/header parameters in spec order, then the body, then the optional ones with defaults, then the token.
        var search = client.GetMethod("SearchAsync")!;
        Assert.Equal(
            new[] { "scope", "xRequestTag", "body", "limit", "tags", "ids", "words", "pipes", "counts", "xFlags", "session", "theme", "cancellationToken" },
            search.GetParameters().Select(p => p.Name));
        Assert.Equal(new[] { false, false, false, true, true, true, true, true, true, true, true, true, true }, search.GetParameters().Select(p => p.HasDefaultValue));
        Assert.Equal(typeof(Task<>).MakeGenericType(Api.Type("Test.Params.SearchResult")), search.ReturnType);
        Assert.Equal(typeof(Task), client.GetMethod("ListClassesAsync")!.ReturnType);
        Assert.Equal(typeof(Task<>).MakeGenericType(Api.Type("Test.Params.Widget")), client.GetMethod("GetWidgetAsync")!.ReturnType);
    }

    [Fact]
    public void AParameterNamedClassBecomesAtClass()
    {
        // "@class" in C#; reflection (and named arguments, which the driver uses) see the identifier "class".
        var parameter = Api.Type("Test.Params.ParamsClient").GetMethod("ListClassesAsync")!.GetParameters()[0];
        Assert.Equal("class", parameter.Name);
        Assert.Equal(typeof(string), parameter.ParameterType);
        Assert.Contains("string @class", fixture.Params.Generator.Source("Test.Params.ParamsClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUntaggedOperationWithoutOperationIdIsNamedFromMethodAndPathOnTheTitlesClient()
    {
        var titleClient = Api.Type("Test.Params.ParamsTestClient");
        Assert.Contains(Api.Type("Test.Params.IParamsTestClient"), titleClient.GetInterfaces());
        var method = titleClient.GetMethod("DeleteThingsThingIdAsync", BindingFlags.Public | BindingFlags.Instance);
        Assert.NotNull(method);
        Assert.Equal(new[] { "thingId", "cancellationToken" }, method!.GetParameters().Select(p => p.Name));
        Assert.Equal(typeof(Task), method.ReturnType);
        Assert.Null(Api.Type("Test.Params.ParamsClient").GetMethod("DeleteThingsThingIdAsync"));
    }

    // ---------------------------------------------------------------- query, header and cookie parameters

    [Fact]
    public async Task QueryArraysFollowStyleAndExplode()
    {
        var scenario = Answer(Hits);

        long hits = (long)(await Search(
            scenario,
            limit: 10,
            tags: new[] { "red", "green blue", "a&b=c", "ü" },
            words: new[] { "x", "y", "z" },
            pipes: new[] { "p", "q", "r" },
            counts: new[] { 1L, -2L, 30000000000L }))!;

        Assert.Equal(3, hits);
        var request = scenario.Single();
        Assert.Equal("/root/search/all", request.RawPath);
        var pairs = request.RawQueryPairs;
        Assert.Equal(
            new[] { "limit", "tags", "tags", "tags", "tags", "words", "pipes", "counts", "counts", "counts" },
            pairs.Select(p => p.Name));
        Assert.Equal("10", pairs[0].Value);
        // form, explode: true → one pair per item, each escaped.
        Assert.Equal(new[] { "red", "green blue", "a&b=c", "ü" }, pairs.Where(p => p.Name == "tags").Select(p => Decode(p.Value)));
        Assert.Equal(new[] { "1", "-2", "30000000000" }, pairs.Where(p => p.Name == "counts").Select(p => p.Value));
        // spaceDelimited → one pair, items joined with %20; pipeDelimited → one pair, items joined with '|'.
        Assert.Equal("x%20y%20z", pairs.Single(p => p.Name == "words").Value);
        Assert.Equal("p|q|r", Decode(pairs.Single(p => p.Name == "pipes").Value));
        // ASP.NET Core's own query parsing agrees.
        var parsed = QueryHelpers.ParseQuery("?" + request.RawQuery);
        Assert.Equal(new[] { "red", "green blue", "a&b=c", "ü" }, parsed["tags"].ToArray());
        Assert.Equal("x y z", parsed["words"].ToString());
    }

    [Fact]
    public async Task NoOptionalParametersMeansNoQuery()
    {
        var scenario = Answer(Hits);

        await Search(scenario);

        Assert.Equal("/root/search/all", scenario.Single().RawTarget);
    }

    [Fact]
    public async Task FormWithoutExplodeJoinsTheEscapedItemsWithLiteralCommas()
    {
        // OpenAPI's style table and RFC 6570 ({?ids}): ids=blue,black,brown. The comma is the delimiter, so it is
        // sent as is, while a comma inside an item is escaped (%2C) and so stays distinguishable from a delimiter.
        var scenario = Answer(Hits);

        await Search(scenario, ids: new[] { "blue", "black", "a,b", "c d" });

        string raw = scenario.Single().RawQueryPairs.Single(p => p.Name == "ids").Value;
        Assert.Equal(new[] { "blue", "black", "a,b", "c d" }, raw.Split(',').Select(Decode));
    }

    [Fact]
    public async Task HeaderParametersAreSentAsHeaders()
    {
        var scenario = Answer(Hits);

        await Search(scenario, requestTag: "req tag/42", flags: new[] { "a", "b c" });

        var request = scenario.Single();
        Assert.Equal("req tag/42", request.Header("X-Request-Tag"));
        // simple style: comma-separated.
        Assert.Equal("a,b c", request.Header("X-Flags"));
        Assert.Null(request.RawQuery);
    }

    [Fact]
    public async Task CookieParametersAreSentInOneCookieHeader()
    {
        var scenario = Answer(Hits);

        await Search(scenario, session: "abc 123;x=y", theme: "dark");
        await Search(scenario, theme: "light");

        var requests = scenario.Requests;
        Assert.Equal("session=abc%20123%3Bx%3Dy; theme=dark", requests[0].Header("Cookie"));
        Assert.Equal("abc 123;x=y", Decode(requests[0].Cookies["session"]));
        Assert.Equal("dark", requests[0].Cookies["theme"]);
        Assert.Equal("theme=light", requests[1].Header("Cookie"));
        Assert.False(requests[1].Cookies.ContainsKey("session"));
    }

    [Fact]
    public async Task AKeywordNamedQueryParameterIsSentUnderItsWireName()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.NoContent(context));

        Assert.Equal("ok", await Api.CallAsync("ListClasses", Root, scenario.Id, "math & science").Within());

        var request = scenario.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/root/classes", request.RawPath);
        var pair = Assert.Single(request.RawQueryPairs);
        Assert.Equal("class", pair.Name);
        Assert.Equal("math & science", Decode(pair.Value));
    }

    // ---------------------------------------------------------------- bodies

    [Fact]
    public async Task AFormUrlEncodedBodyIsSentAsForm()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.NoContent(context));

        await Api.CallAsync("SubmitForm", Root, scenario.Id, "Jürgen & Co = 1+1", 3, new[] { "a", "b c" }, true).Within();
        await Api.CallAsync("SubmitForm", Root, scenario.Id, "only-name", null, null, null).Within();

        var full = scenario.Requests[0];
        Assert.Equal("POST", full.Method);
        Assert.Equal("/root/forms", full.RawTarget);
        Assert.StartsWith("application/x-www-form-urlencoded", full.Header("Content-Type"), StringComparison.Ordinal);
        var form = QueryHelpers.ParseQuery(full.BodyText);
        Assert.Equal("Jürgen & Co = 1+1", form["name"].ToString());
        Assert.Equal("3", form["count"].ToString());
        Assert.Equal(new[] { "a", "b c" }, form["tags"].ToArray());
        Assert.Equal("true", form["active"].ToString());

        var minimal = scenario.Requests[1];
        Assert.Equal("name=only-name", minimal.BodyText);
    }

    [Fact]
    public async Task AJsonBodyIsSentWithTheRequiredParameters()
    {
        var scenario = Answer(Hits);

        await Search(scenario, scope: "a/b");

        var request = scenario.Single();
        Assert.Equal("/root/search/a%2Fb", request.RawTarget);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("""{"text":"find me"}""", request.BodyText);
    }

    // ---------------------------------------------------------------- base address and credentials

    [Fact]
    public async Task WithoutBaseAddressTheDocumentsFirstServerIsUsedWithItsPath()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.NoContent(context));

        await Api.CallAsync("DeleteThingWithDefaults", scenario.Id, "t 1").Within();
        await Api.CallAsync("DeleteThing", null, null, scenario.Id, "t2", null).Within();

        var requests = scenario.Requests;
        Assert.Equal("DELETE", requests[0].Method);
        Assert.Equal("/params-root/v2/things/t%201", requests[0].RawTarget);
        Assert.Equal("/params-root/v2/things/t2", requests[1].RawTarget);
    }

    [Fact]
    public async Task TheOptionsBaseAddressIsUsedWhenHttpClientHasNoneAndHttpClientsWins()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.NoContent(context));

        await Api.CallAsync("DeleteThing", null, Server.BaseUrl + "/from-options/v3", scenario.Id, "t1", null).Within();
        await Api.CallAsync("DeleteThing", Server.BaseUrl + "/from-http-client", Server.BaseUrl + "/from-options/v3", scenario.Id, "t1", null).Within();

        var requests = scenario.Requests;
        Assert.Equal("/from-options/v3/things/t1", requests[0].RawTarget);
        Assert.Equal("/from-http-client/things/t1", requests[1].RawTarget);
    }

    [Fact]
    public async Task TheApiKeyFromTheOptionsIsSentInItsHeaderOnlyWhereTheOperationNeedsIt()
    {
        var secured = Answer(Hits);
        var open = Server.NewScenario((context, _) => IntegrationServer.NoContent(context));

        await Search(secured, apiKey: "key-1");
        await Search(secured, apiKey: null);
        await Api.CallAsync("Ping", Root, open.Id, "key-1").Within();

        Assert.Equal("key-1", secured.Requests[0].Header("X-Api-Key"));
        Assert.Null(secured.Requests[0].Header("Authorization"));
        Assert.Null(secured.Requests[1].Header("X-Api-Key"));
        // ping declares security: [] — no credential, even when one is configured.
        Assert.Null(open.Single().Header("X-Api-Key"));
    }

    // ---------------------------------------------------------------- responses that do not match

    [Theory]
    [InlineData("""{"id":"w1","size":"big"}""", "$.size")]
    [InlineData("""{"id":"w1"}""", "size")]
    [InlineData("""[{"id":"w1","size":1}]""", "$")]
    [InlineData("""{"id":"w1","size":1""", "$")]
    [InlineData("", "")]
    public async Task A2xxBodyThatDoesNotMatchTheSchemaIsAJsonExceptionNamingTheOperation(string body, string where)
    {
        var scenario = Answer(body);

        var exception = await Assert.ThrowsAnyAsync<JsonException>(() =>
            Api.CallAsync("GetWidget", Root, scenario.Id, "w1", CancellationToken.None).Within());

        Assert.Contains("getWidget", exception.Message, StringComparison.Ordinal);
        Assert.Contains(where, exception.Message + " " + exception.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A2xxNullBodyForAnObjectSchemaIsAJsonExceptionNamingTheOperation()
    {
        // "null" is valid JSON but not a Widget: returning null from Task<Widget> would hand the caller a null the
        // non-nullable signature promises never happens.
        var scenario = Answer("null");

        var exception = await Assert.ThrowsAnyAsync<JsonException>(() =>
            Api.CallAsync("GetWidget", Root, scenario.Id, "w1", CancellationToken.None).Within());

        Assert.Contains("getWidget", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMatching2xxBodyIsRead()
    {
        var scenario = Answer("""{"id":"w1","size":7,"extra":[1,{"a":null}]}""");

        dynamic widget = (await Api.CallAsync("GetWidget", Root, scenario.Id, "w1", CancellationToken.None).Within())!;

        Assert.Equal("w1", (string)widget.Id);
        Assert.Equal(7, (int)widget.Size);
        Assert.Equal("/root/widgets/w1", scenario.Single().RawTarget);
    }

    [Fact]
    public async Task A404WithTheDeclaredSchemaIsTypedAndOtherStatusesOrShapesAreNot()
    {
        var scenario = Server.NewScenario((context, request) => request.RawPath switch
        {
            "/root/widgets/declared" => IntegrationServer.Json(context, """{"title":"No widget","status":404}""", 404),
            "/root/widgets/other-shape" => IntegrationServer.Json(context, """{"message":"no title"}""", 404),
            _ => IntegrationServer.Json(context, """{"title":"Broken","status":500}""", 500),
        });

        async Task<Exception> Fail(string id) => await Assert.ThrowsAnyAsync<Exception>(() =>
            Api.CallAsync("GetWidget", Root, scenario.Id, id, CancellationToken.None).Within());

        var declared = await Fail("declared");
        Assert.Equal("Test.Params.ApiException`1", declared.GetType().GetGenericTypeDefinition().FullName);
        Assert.Equal("Test.Params.Problem", declared.GetType().GetGenericArguments()[0].FullName);
        dynamic typed = declared;
        Assert.Equal(404, (int)typed.StatusCode);
        Assert.Equal("No widget", (string)typed.Error.Title);

        var otherShape = await Fail("other-shape");
        Assert.Equal("Test.Params.ApiException", otherShape.GetType().FullName);
        Assert.Equal("""{"message":"no title"}""", (string)((dynamic)otherShape).Response);

        // 500 declares no schema (and there is no default): the body is not parsed even though it would fit Problem.
        var undeclared = await Fail("undeclared");
        Assert.Equal("Test.Params.ApiException", undeclared.GetType().FullName);
        Assert.Equal(500, (int)((dynamic)undeclared).StatusCode);
    }
}
