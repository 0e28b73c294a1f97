using System.Globalization;

namespace Uploads.Sample.Demo;

/// <summary>Byte counts in and out of text: <c>8M</c>, <c>512K</c>, <c>64MiB</c>, <c>1048576</c> (powers of 1024).</summary>
public static class Sizes
{
    public const double MiB = 1024 * 1024;

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        string value = text.Trim();
        int digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits])) digits++;
        if (digits == 0 || !long.TryParse(value.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long number)) return false;
        long unit = value[digits..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (unit == 0 || number > long.MaxValue / unit) return false;
        bytes = number * unit;
        return true;
    }

    public static string Format(long bytes) => bytes < 1024 * 1024
        ? string.Format(CultureInfo.InvariantCulture, "{0:0.0} KiB", bytes / 1024.0)
        : string.Format(CultureInfo.InvariantCulture, "{0:0.0} MiB", bytes / MiB);
}
