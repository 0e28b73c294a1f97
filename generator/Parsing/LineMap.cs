using System;

namespace Uploads.Generators.Parsing;

/// <summary>Where the lines of a text start: offsets to 0-based lines and columns, and back.</summary>
internal sealed class LineMap
{
    private readonly int[] _starts;
    private int _last;

    public LineMap(string text)
    {
        // Counted first, so that the one array is made at its size (OpenAI's document has 87,000 lines; a growing list
        // made twice that in arrays it threw away).
        int count = 1;
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) count++;
        _starts = new int[count];
        int line = 1;
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) _starts[line++] = i + 1;
    }

    /// <summary>The line and column of an offset. Offsets asked in ascending order cost a step each, not a search.</summary>
    public (int Line, int Column) At(int offset)
    {
        int line = _last;
        if (offset < _starts[line])
        {
            line = Array.BinarySearch(_starts, offset);
            if (line < 0) line = ~line - 1;
        }
        else
        {
            while (line + 1 < _starts.Length && _starts[line + 1] <= offset) line++;
        }
        _last = line;
        return (line, offset - _starts[line]);
    }

    /// <summary>The offset of a line and column; null when the text has no such line.</summary>
    public int? OffsetOf(int line, int column) => line >= 0 && line < _starts.Length ? _starts[line] + column : null;
}
