using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Uploads.Benchmarks.Generated;
using Uploads.Benchmarks.Models;
using Uploads.Benchmarks.Stj;

namespace Uploads.Generators.Benchmarks.Json;

/// <summary>
/// OpenAI's Upload (completed, with its nested File) through the serialization our generator emits
/// (<see cref="OpenAIApiJsonContext"/>, generated from spec/uploads.openapi.yaml) against System.Text.Json's own source
/// generator on an equivalent hand-written record (<see cref="StjUploadsContext"/>), the baseline of each category.
/// Both read UTF-8 bytes and write to a reused <see cref="Utf8JsonWriter"/>, through <see cref="JsonSerializer"/> with
/// their <see cref="JsonTypeInfo{T}"/>; setup checks that all write byte-for-byte the same JSON.
/// The <c>StjLong_*</c> rows are STJ's best case, not the baseline: the same record with the timestamps as plain
/// <c>long</c> (no property converter, so STJ's fast-path serializer applies; <see cref="StjUploadLongTimestamps"/>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UploadJsonBenchmarks
{
    public const int ListLength = 1000;

    private const string DeserializeOne = "Deserialize one";
    private const string SerializeOne = "Serialize one";
    private const string DeserializeList = "Deserialize list of 1,000";
    private const string SerializeList = "Serialize list of 1,000";

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private Utf8JsonWriter _writer = null!;

    private byte[] _one = null!;
    private byte[] _list = null!;
    private Upload _generatedOne = null!;
    private StjUpload _stjOne = null!;
    private List<Upload> _generatedList = null!;
    private List<StjUpload> _stjList = null!;
    private StjUploadLongTimestamps _stjLongOne = null!;
    private List<StjUploadLongTimestamps> _stjLongList = null!;

    private JsonTypeInfo<Upload> _generatedInfo = null!;
    private JsonTypeInfo<List<Upload>> _generatedListInfo = null!;
    private JsonTypeInfo<StjUpload> _stjInfo = null!;
    private JsonTypeInfo<List<StjUpload>> _stjListInfo = null!;
    private JsonTypeInfo<StjUploadLongTimestamps> _stjLongInfo = null!;
    private JsonTypeInfo<List<StjUploadLongTimestamps>> _stjLongListInfo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _one = Payloads.UploadUtf8;
        _list = Payloads.UploadListUtf8(ListLength);

        _generatedInfo = OpenAIApiJsonContext.Default.Upload;
        _generatedListInfo = (JsonTypeInfo<List<Upload>>)OpenAIApiJsonContext.Default.GetTypeInfo(typeof(List<Upload>))!;
        _stjInfo = StjUploadsContext.Default.StjUpload;
        _stjListInfo = StjUploadsContext.Default.ListStjUpload;
        _stjLongInfo = StjUploadsContext.Default.StjUploadLongTimestamps;
        _stjLongListInfo = StjUploadsContext.Default.ListStjUploadLongTimestamps;

        _generatedOne = JsonSerializer.Deserialize(_one, _generatedInfo)!;
        _stjOne = JsonSerializer.Deserialize(_one, _stjInfo)!;
        _generatedList = JsonSerializer.Deserialize(_list, _generatedListInfo)!;
        _stjList = JsonSerializer.Deserialize(_list, _stjListInfo)!;
        _stjLongOne = JsonSerializer.Deserialize(_one, _stjLongInfo)!;
        _stjLongList = JsonSerializer.Deserialize(_list, _stjLongListInfo)!;

        // Fairness: both sides must read everything and write the same bytes.
        if (_generatedOne.File?.Purpose != OpenAIFilePurpose.FineTune || _stjOne.File?.Purpose != StjOpenAIFilePurpose.FineTune)
        {
            throw new InvalidOperationException("The nested file was not read.");
        }
        if (_generatedList.Count != ListLength || _stjList.Count != ListLength) throw new InvalidOperationException("The list was not read whole.");
        string generated = Write(w => JsonSerializer.Serialize(w, _generatedList, _generatedListInfo));
        string stj = Write(w => JsonSerializer.Serialize(w, _stjList, _stjListInfo));
        string stjLong = Write(w => JsonSerializer.Serialize(w, _stjLongList, _stjLongListInfo));
        if (generated != stj || stjLong != stj)
        {
            throw new InvalidOperationException($"The serializers write different JSON:\n{generated[..400]}\n{stj[..400]}\n{stjLong[..400]}");
        }
    }

    private string Write(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        write(_writer);
        _writer.Flush();
        return System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(DeserializeOne)]
    public StjUpload Stj_DeserializeOne() => JsonSerializer.Deserialize(_one, _stjInfo)!;

    [Benchmark, BenchmarkCategory(DeserializeOne)]
    public Upload Generated_DeserializeOne() => JsonSerializer.Deserialize(_one, _generatedInfo)!;

    [Benchmark, BenchmarkCategory(DeserializeOne)]
    public StjUploadLongTimestamps StjLong_DeserializeOne() => JsonSerializer.Deserialize(_one, _stjLongInfo)!;

    [Benchmark(Baseline = true), BenchmarkCategory(SerializeOne)]
    public int Stj_SerializeOne()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _stjOne, _stjInfo);
        return _buffer.WrittenCount;
    }

    [Benchmark, BenchmarkCategory(SerializeOne)]
    public int Generated_SerializeOne()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _generatedOne, _generatedInfo);
        return _buffer.WrittenCount;
    }

    [Benchmark, BenchmarkCategory(SerializeOne)]
    public int StjLong_SerializeOne()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _stjLongOne, _stjLongInfo);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(DeserializeList)]
    public List<StjUpload> Stj_DeserializeList() => JsonSerializer.Deserialize(_list, _stjListInfo)!;

    [Benchmark, BenchmarkCategory(DeserializeList)]
    public List<Upload> Generated_DeserializeList() => JsonSerializer.Deserialize(_list, _generatedListInfo)!;

    [Benchmark, BenchmarkCategory(DeserializeList)]
    public List<StjUploadLongTimestamps> StjLong_DeserializeList() => JsonSerializer.Deserialize(_list, _stjLongListInfo)!;

    [Benchmark(Baseline = true), BenchmarkCategory(SerializeList)]
    public int Stj_SerializeList()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _stjList, _stjListInfo);
        return _buffer.WrittenCount;
    }

    [Benchmark, BenchmarkCategory(SerializeList)]
    public int Generated_SerializeList()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _generatedList, _generatedListInfo);
        return _buffer.WrittenCount;
    }

    [Benchmark, BenchmarkCategory(SerializeList)]
    public int StjLong_SerializeList()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _stjLongList, _stjLongListInfo);
        return _buffer.WrittenCount;
    }
}
