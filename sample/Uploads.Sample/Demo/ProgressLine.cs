using System.Diagnostics;
using System.Globalization;

namespace Uploads.Sample.Demo;

/// <summary>
/// Shows upload progress on one line rewritten in place (<c>\r</c>) on a terminal, or as a line per finished part
/// when the output is redirected. Safe to call from the parallel part uploads.
/// </summary>
public sealed class ProgressLine(TextWriter writer, bool interactive)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new(); // from the first report
    private TimeSpan _lastDraw = TimeSpan.MinValue;
    private int _lastParts = interactive ? -1 : 0;
    private int _width;

    public void Report(UploadProgress progress)
    {
        lock (_gate)
        {
            if (!_clock.IsRunning) _clock.Start();
            bool partDone = progress.CompletedParts != _lastParts;
            if (interactive)
            {
                var now = _clock.Elapsed;
                if (!partDone && now - _lastDraw < RefreshInterval) return;
                _lastDraw = now;
                _lastParts = progress.CompletedParts;
                string text = Describe(progress);
                writer.Write("\r" + text.PadRight(_width));
                _width = text.Length;
                writer.Flush();
            }
            else if (partDone && progress.CompletedParts > _lastParts)
            {
                _lastParts = progress.CompletedParts;
                writer.WriteLine(Describe(progress));
            }
        }
    }

    /// <summary>Ends the in-place line.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (interactive && _width > 0) writer.WriteLine();
            _width = 0;
        }
    }

    private string Describe(UploadProgress progress)
    {
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        double percent = progress.TotalBytes == 0 ? 100 : 100.0 * progress.SentBytes / progress.TotalBytes;
        return string.Format(CultureInfo.InvariantCulture, "  {0} / {1}  {2,3:0}%  {3}/{4} parts  {5:0.0} MiB/s",
            Sizes.Format(progress.SentBytes), Sizes.Format(progress.TotalBytes), percent,
            progress.CompletedParts, progress.TotalParts, progress.SentBytes / Sizes.MiB / seconds);
    }
}
