using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a random free port, for the integration tests of the generated clients.
/// Each test registers a <see cref="Scenario"/> (its own handler) and sends its id in the <c>X-Test-Id</c> header
/// (the driver puts it on the HttpClient's default headers), so the server knows which handler answers and records
/// every request exactly as it arrived: the raw request target, the headers, and the body bytes.
/// </summary>
public sealed class IntegrationServer : IAsyncDisposable
{
    public const string TestIdHeader = "X-Test-Id";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Scenario> _scenarios = new(StringComparer.Ordinal);
    private int _nextId;

    private IntegrationServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:{port}, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port { get; private set; }

    public static async Task<IntegrationServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            // The 64 MB part must arrive whole, and a client held at the streaming gate must not be cut off.
            options.Limits.MaxRequestBodySize = null;
            options.Limits.MinRequestBodyDataRate = null;
        });
        var app = builder.Build();
        var server = new IntegrationServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var uri = new Uri(address);
        server.Port = uri.Port;
        server.BaseUrl = "http://127.0.0.1:" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return server;
    }

    /// <summary>Registers a handler for one test. With <paramref name="bufferBody"/> the server reads the whole body into <see cref="ReceivedRequest.Body"/> before the handler runs.</summary>
    public Scenario NewScenario(Func<HttpContext, ReceivedRequest, Task> handler, bool bufferBody = true)
    {
        string id = "t" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var scenario = new Scenario(id, handler, bufferBody);
        _scenarios[id] = scenario;
        return scenario;
    }

    private async Task HandleAsync(HttpContext context)
    {
        string? id = context.Request.Headers[TestIdHeader];
        if (id is null || !_scenarios.TryGetValue(id, out var scenario))
        {
            // Not JSON on purpose: no generated client can mistake it for a typed error.
            context.Response.StatusCode = 418;
            await context.Response.WriteAsync("no scenario for " + TestIdHeader + ": " + id).ConfigureAwait(false);
            return;
        }

        byte[] body = Array.Empty<byte>();
        if (scenario.BufferBody)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var cookies = context.Request.Cookies.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Path.Value ?? "",
            headers,
            cookies,
            body);
        scenario.Add(request);
        try
        {
            await scenario.Handler(context, request).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            scenario.ServerErrors.Enqueue(exception);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A handler still waiting on a request the client abandoned must not hold the test run for the default 30 s.
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(shutdown.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="json"/> with the given status.</summary>
    public static Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    /// <summary>Writes <paramref name="text"/> with the given status and media type.</summary>
    public static Task Text(HttpContext context, string text, int status, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(text, Encoding.UTF8);
    }

    public static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }
}

/// <summary>One test's handler and the requests it received.</summary>
public sealed class Scenario(string id, Func<HttpContext, ReceivedRequest, Task> handler, bool bufferBody)
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    /// <summary>The value of the <c>X-Test-Id</c> header that routes requests here.</summary>
    public string Id { get; } = id;

    public Func<HttpContext, ReceivedRequest, Task> Handler { get; } = handler;

    public bool BufferBody { get; } = bufferBody;

    /// <summary>Exceptions the handler threw (an assertion made on the server side, for instance).</summary>
    public ConcurrentQueue<Exception> ServerErrors { get; } = new();

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    internal void Add(ReceivedRequest request) => _requests.Enqueue(request);

    /// <summary>The one request the scenario received; fails when there were none or several, or when the handler threw.</summary>
    public ReceivedRequest Single()
    {
        if (!ServerErrors.IsEmpty) throw new InvalidOperationException("The server-side handler failed: " + string.Join("\n", ServerErrors));
        var all = Requests;
        if (all.Count != 1) throw new InvalidOperationException($"Expected exactly one request for scenario {Id}, got {all.Count}: " + string.Join(", ", all.Select(r => r.Method + " " + r.RawTarget)));
        return all[0];
    }
}

/// <summary>A request as the server received it.</summary>
/// <param name="RawTarget">The request target exactly as sent on the request line (path and query, still escaped).</param>
/// <param name="DecodedPath">Kestrel's decoded <c>Request.Path</c>, for comparison.</param>
public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    string DecodedPath,
    IReadOnlyDictionary<string, string?[]> Headers,
    IReadOnlyDictionary<string, string> Cookies,
    byte[] Body)
{
    /// <summary>The raw path, before any '?'.</summary>
    public string RawPath => RawTarget.Split('?', 2)[0];

    /// <summary>The raw query after '?', or null when the target has none.</summary>
    public string? RawQuery => RawTarget.Contains('?', StringComparison.Ordinal) ? RawTarget.Split('?', 2)[1] : null;

    /// <summary>The raw query as (name, value) pairs in order, both still escaped.</summary>
    public IReadOnlyList<(string Name, string Value)> RawQueryPairs =>
        RawQuery is null
            ? Array.Empty<(string, string)>()
            : RawQuery.Split('&').Select(pair => pair.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToArray();

    /// <summary>The header's values joined with ", ", or null when it is absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    public string BodyText => Encoding.UTF8.GetString(Body);
}
