namespace Uploads.Sample.Service;

/// <summary>Where and within which limits <see cref="UploadStore"/> keeps Uploads (OpenAI's limits by default).</summary>
public sealed class UploadStoreOptions
{
    /// <summary>1 MiB.</summary>
    public const long MiB = 1024 * 1024;

    /// <summary>The directory that holds uploads, parts, assembled files and in-flight writes.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>At most this many bytes in the parts of one Upload, and in its declared <c>bytes</c> (8 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 8L * 1024 * MiB;

    /// <summary>At most this many bytes per part (64 MiB).</summary>
    public long MaxPartBytes { get; set; } = 64 * MiB;

    /// <summary>An Upload expires this long after it was created (one hour).</summary>
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>uploads-sample</c> under the system's temporary directory.</summary>
    public static string DefaultDataDirectory => Path.Combine(Path.GetTempPath(), "uploads-sample");
}
