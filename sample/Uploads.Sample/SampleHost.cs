using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Uploads.Sample.OpenAI;
using Uploads.Sample.Service;

namespace Uploads.Sample;

/// <summary>How <see cref="SampleHost"/> runs the uploads service.</summary>
public sealed class SampleHostOptions
{
    /// <summary>The address to listen on; loopback by default.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one (see <see cref="SampleHost.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>The HTTP versions served (cleartext: HTTP/2 is prior-knowledge h2c, so only when it is alone).</summary>
    public HttpProtocols Protocols { get; set; } = HttpProtocols.Http1;

    /// <summary>The store's data directory and limits.</summary>
    public UploadStoreOptions Store { get; set; } = new();

    /// <summary>The clock of Upload expiry; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Messages below this level are not logged (to stderr).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Runs after the sample's registrations, e.g. to replace <see cref="IUploadsApi"/>.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

/// <summary>
/// The uploads service: Kestrel on <see cref="SampleHostOptions.Address"/>, the generated endpoints under <c>/v1</c>
/// (the path of the document's server, <c>https://api.openai.com/v1</c>), implemented by <see cref="UploadsApi"/>.
/// </summary>
public sealed class SampleHost : IAsyncDisposable
{
    /// <summary>The path the API is served under.</summary>
    public const string BasePath = "/v1";

    private readonly WebApplication _app;

    private SampleHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where clients reach the API, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public UploadStore Store => _app.Services.GetRequiredService<UploadStore>();

    /// <summary>Builds the application, loads the store and starts listening.</summary>
    public static async Task<SampleHost> StartAsync(SampleHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SampleHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // Not a line per request; Kestrel's warnings and errors (e.g. unhandled exceptions) still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", level => level >= LogLevel.Warning && level >= options.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Address, options.Port, listen => listen.Protocols = options.Protocols);
            kestrel.AddServerHeader = false;
            // A part of the maximum size plus room for its multipart framing; bigger bodies are a 413.
            kestrel.Limits.MaxRequestBodySize = options.Store.MaxPartBytes + UploadStoreOptions.MiB;
        });

        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(options.Store);
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton<IUploadsApi, UploadsApi>();
        builder.Services.AddHostedService<ExpirySweeper>();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGroup(BasePath).MapUploadsApi();

        try
        {
            await app.Services.GetRequiredService<UploadStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleHost(app, new Uri(address.TrimEnd('/') + BasePath + "/"));
    }

    /// <summary>Completes when the host is stopped (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
