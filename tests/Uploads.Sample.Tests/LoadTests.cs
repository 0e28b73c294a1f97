using System.Security.Cryptography;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Tests;

/// <summary>Many parts of one Upload at once: every byte is accounted for.</summary>
public sealed class LoadTests
{
    private const int Parts = 32;

    [Fact]
    public async Task ThirtyTwoConcurrentParts_ThenComplete_AccountForEveryByte()
    {
        await using var harness = await Harness.StartAsync();
        // Distinct content and sizes, so a lost, duplicated or misplaced part changes the result.
        byte[][] parts = Enumerable.Range(0, Parts).Select(i => Harness.RandomBytes(256 * 1024 + i * 1021, seed: 100 + i)).ToArray();
        byte[] whole = parts.SelectMany(p => p).ToArray();
        var upload = await harness.CreateAsync(whole.Length, "load.bin");

        using var start = new SemaphoreSlim(0);
        var sends = parts.Select(async bytes =>
        {
            await start.WaitAsync();
            return await harness.AddPartAsync(upload.Id, bytes);
        }).ToArray();
        start.Release(Parts); // all 32 requests in flight together
        var added = await Task.WhenAll(sends);

        Assert.Equal(Parts, added.Select(p => p.Id).Distinct().Count());
        Assert.Equal((Parts, (long)whole.Length), await harness.Store.CountPartsAsync(upload.Id));
        var completed = await harness.Client.CompleteUploadAsync(upload.Id, new CompleteUploadRequest
        {
            PartIds = added.Select(p => p.Id).ToArray(),
            Md5 = Harness.Md5(whole),
        });

        Assert.Equal(whole.Length, completed.File!.Bytes);
        byte[] assembled = await File.ReadAllBytesAsync(harness.Store.GetFilePath(completed.File.Id));
        Assert.Equal(whole.Length, assembled.Length);
        Assert.Equal(SHA256.HashData(whole), SHA256.HashData(assembled));
        Assert.Empty(harness.TempFiles());
    }

    [Fact]
    public async Task PartsRacingACancel_AreEitherAcceptedBeforeItOrRefused_AndNoneIsLeftOnDisk()
    {
        await using var harness = await Harness.StartAsync();
        var upload = await harness.CreateAsync(1024);
        var sends = Enumerable.Range(0, Parts).Select(async i =>
        {
            try
            {
                await harness.AddPartAsync(upload.Id, Harness.RandomBytes(128 * 1024, seed: i));
                return 200;
            }
            catch (ApiException<ErrorResponse> refused)
            {
                return refused.StatusCode;
            }
        }).ToArray();
        await Task.Delay(20);
        var cancelled = await harness.Client.CancelUploadAsync(upload.Id);
        int[] statuses = await Task.WhenAll(sends);

        Assert.Equal(UploadStatus.Cancelled, cancelled.Status);
        Assert.All(statuses, status => Assert.True(status is 200 or 409, $"HTTP {status}"));
        await harness.WaitForNoTempFilesAsync();
        Assert.False(Directory.Exists(harness.PartsDirectory(upload.Id)));
    }
}
