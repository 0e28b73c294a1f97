namespace Uploads.Generators;

/// <summary>Names of the tracked pipeline steps, asserted on by the incremental caching tests.</summary>
public static class TrackingNames
{
    public const string Documents = nameof(Documents);
    public const string Settings = nameof(Settings);
    public const string Fragments = nameof(Fragments);
    public const string Outlines = nameof(Outlines);
    public const string Splits = nameof(Splits);
    public const string Frames = nameof(Frames);
    public const string SchemaBuckets = nameof(SchemaBuckets);
    public const string Models = nameof(Models);
    public const string Results = nameof(Results);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Prose = nameof(Prose);
    public const string Types = nameof(Types);
    public const string TypeCode = nameof(TypeCode);
    public const string TypeFiles = nameof(TypeFiles);
    public const string JsonContexts = nameof(JsonContexts);
    public const string Runtime = nameof(Runtime);
    public const string Support = nameof(Support);
    public const string Capabilities = nameof(Capabilities);
    public const string Clients = nameof(Clients);
    public const string Servers = nameof(Servers);
}
