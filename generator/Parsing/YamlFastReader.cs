using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SharpYaml;

namespace Uploads.Generators.Parsing;

/// <summary>
/// A fast path for the YAML that OpenAPI documents are written in: block mappings and sequences, plain, quoted and
/// block scalars, flow collections and comments. It builds the same tree and positions as <see cref="YamlTreeReader"/>
/// does through SharpYaml (whose scanner was a third of a document edit's time in OpenAI's document, and is several
/// times slower than this), or gives up (null) on anything outside that subset or anything wrong, and SharpYaml reads
/// the text instead, reporting its errors where they are. Gives up on: anchors, aliases, tags, directives, several
/// documents, explicit keys, tabs, line breaks other than \n and \r\n, indentation indicators, duplicate keys and
/// whatever else it does not expect. Tested equal to SharpYaml on every YAML file of the corpus and on mutations of them.
/// </summary>
internal sealed class YamlFastReader
{
    /// <summary>Deeper documents are left to SharpYaml, which enforces its own limit (<see cref="NestingGuard.MaxYamlDepth"/>).</summary>
    private const int MaxDepth = 48;

    private const int MaxKeyLength = 1024;

    private readonly string _t;
    private readonly StringBuilder _text = new();
    private int _p;
    private int _lineStart;
    private int _depth;
    private readonly List<(List<string> Keys, List<int> Starts, List<int> Lengths, List<int> Children)> _gathered = new();
    private readonly YamlPositions.Builder _positions;

    private YamlFastReader(string text)
    {
        _t = text;
        _positions = new YamlPositions.Builder(text.Length);
        _shared = new string[SharedPoolSize(text.Length)];
    }

    /// <summary>Thrown to give up; caught in <see cref="TryRead"/>.</summary>
    private sealed class GiveUp : Exception
    {
    }

    /// <summary>The document's root mapping and its positions, or null when this reader does not take the text.</summary>
    public static JsonObject? TryRead(string text, out YamlPositions? positions) => TryRead(text, out positions, out _);

    /// <summary>As above; <paramref name="gaveUpAt"/> is where it gave up (-1 when it did not, 0 for the text as a whole).</summary>
    public static JsonObject? TryRead(string text, out YamlPositions? positions, out int gaveUpAt)
    {
        positions = null;
        gaveUpAt = 0;
        if (!PreScan(text)) return null;
        var reader = new YamlFastReader(text);
        try
        {
            var root = reader.ReadDocument(out int rootPositions);
            positions = reader._positions.Build(rootPositions);
            gaveUpAt = -1;
            return root;
        }
        catch (GiveUp)
        {
            gaveUpAt = reader._p;
            return null;
        }
    }

    /// <summary>Characters and markers anywhere in the text that this reader leaves to SharpYaml.</summary>
    private static bool PreScan(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') return false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\t' || c == '\u0085' || c == '\u2028' || c == '\u2029') return false;
            if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) return false;
            if ((i == 0 || text[i - 1] == '\n') && IsDocumentMarkerAt(text, i) && !(i == 0 && c == '-')) return false;
            if (i == 0 && c == '%') return false;
        }
        return true;
    }

    private static bool IsDocumentMarkerAt(string text, int i) =>
        i + 2 < text.Length
        && ((text[i] == '-' && text[i + 1] == '-' && text[i + 2] == '-') || (text[i] == '.' && text[i + 1] == '.' && text[i + 2] == '.'))
        && (i + 3 >= text.Length || text[i + 3] is ' ' or '\n' or '\r');

    private JsonObject ReadDocument(out int positions)
    {
        if (IsDocumentMarkerAt(_t, 0))
        {
            _p = 3;
            ExpectLineEnd();
        }
        if (!SkipToContent()) throw new GiveUp();
        var root = BlockNode(-1, out positions) as JsonObject ?? throw new GiveUp();
        if (SkipToContent()) throw new GiveUp();
        return root;
    }

    private int Column => _p - _lineStart;

    private bool AtEnd => _p >= _t.Length;

    private char Current => _p < _t.Length ? _t[_p] : '\0';

    private bool IsBreakAt(int i) => i < _t.Length && (_t[i] == '\n' || _t[i] == '\r');

    /// <summary>At a block sequence's "- " (or "-" at the end of a line).</summary>
    private bool AtSequenceEntry => Current == '-' && IsBlankOrBreakOrEndAt(_p + 1);

    private bool IsBlankOrBreakOrEndAt(int i) => i >= _t.Length || _t[i] == ' ' || _t[i] == '\n' || _t[i] == '\r';

    /// <summary>A block node at the cursor (on its first character), inside a block at <paramref name="indent"/>.</summary>
    private JsonNode BlockNode(int indent, out int positions)
    {
        char c = Current;
        if (AtSequenceEntry) return BlockSequence(Column, out positions);
        if (IsKeyLine()) return BlockMapping(Column, out positions);
        return InlineValue(indent, out positions);
    }

    /// <summary>A value that starts on the current line (after a key's ':' or a sequence's '-').</summary>
    private JsonNode InlineValue(int indent, out int positions)
    {
        positions = -1;
        char c = Current;
        switch (c)
        {
            case '|':
            case '>':
                return BlockScalar(indent);
            case '[':
            case '{':
            {
                var node = FlowNode(out positions);
                ExpectLineEnd();
                return node;
            }
            case '"':
            case '\'':
            {
                var value = QuotedScalar(out _, out _);
                ExpectLineEnd();
                return YamlTreeReader.ToJsonValue(value, c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
            }
            default:
            {
                if (!CanStartPlain(_p)) throw new GiveUp();
                var value = PlainScalar(indent, flow: false, out _, out bool stoppedAtColon);
                if (stoppedAtColon) throw new GiveUp();
                return YamlTreeReader.ToJsonValue(value, ScalarStyle.Plain);
            }
        }
    }

    private JsonObject BlockMapping(int column, out int positions)
    {
        Enter();
        var map = new JsonObject();
        var (keys, starts, lengths, children) = Gather();
        int mapStart = _p;
        while (true)
        {
            if (Column != column) throw new GiveUp();
            bool explicitKey = Current == '?' && IsBlankOrBreakOrEndAt(_p + 1);
            string key = explicitKey ? ExplicitKey(column, out int keyStart, out int keyEnd) : Key(out keyStart, out keyEnd);
            if (map.ContainsKey(key)) throw new GiveUp();
            _p++; // ':'
            SkipSpaces();
            JsonNode value;
            int valuePositions = -1;
            if (explicitKey && !AtLineEndOrComment() && !AtSequenceEntry && IsKeyLine())
            {
                // ": name: value" after an explicit key: a mapping that starts on the ':' line.
                value = BlockMapping(Column, out valuePositions);
            }
            else if (AtLineEndOrComment())
            {
                if (!SkipToContent() || Column < column || (Column == column && !AtSequenceEntry))
                {
                    value = YamlTreeReader.ToJsonValue("", ScalarStyle.Plain);
                }
                else if (Column == column)
                {
                    value = BlockSequence(column, out var sequencePositions);
                    valuePositions = sequencePositions;
                }
                else
                {
                    value = BlockNode(column, out valuePositions);
                }
            }
            else
            {
                value = InlineValue(column, out valuePositions);
            }
            map.Add(key, value);
            keys.Add(key);
            starts.Add(keyStart);
            lengths.Add(Math.Max(1, keyEnd - keyStart));
            children.Add(valuePositions);
            if (!SkipToContent() || Column < column) break;
            if (Column > column) throw new GiveUp();
        }
        Exit();
        positions = _positions.Add(mapStart, keys, starts, lengths, children);
        return map;
    }

    private JsonArray BlockSequence(int column, out int positions)
    {
        Enter();
        var list = new JsonArray();
        var (_, starts, _, children) = Gather();
        int sequenceStart = _p;
        while (true)
        {
            if (Column != column || !AtSequenceEntry) throw new GiveUp();
            _p++;
            SkipSpaces();
            JsonNode item;
            int itemPositions;
            int itemStart;
            if (AtLineEndOrComment())
            {
                if (!SkipToContent() || Column <= column) throw new GiveUp();
                itemStart = _p;
                item = BlockNode(column, out itemPositions);
            }
            else
            {
                itemStart = _p;
                if (AtSequenceEntry)
                {
                    item = BlockSequence(Column, out var nested);
                    itemPositions = nested;
                }
                else if (IsKeyLine())
                {
                    item = BlockMapping(Column, out var mapping);
                    itemPositions = mapping;
                }
                else
                {
                    item = InlineValue(column, out itemPositions);
                }
            }
            list.Add(item);
            starts.Add(itemStart);
            children.Add(itemPositions);
            if (!SkipToContent() || Column < column) break;
            if (Column > column) throw new GiveUp();
            if (!AtSequenceEntry) break; // the next key of the mapping this sequence is the value of
        }
        Exit();
        positions = _positions.Add(sequenceStart, null, starts, null, children);
        return list;
    }

    /// <summary>Whether the current line, from the cursor, is an implicit key: a one-line scalar followed by ':' and a blank.</summary>
    private bool IsKeyLine()
    {
        int i = _p;
        char c = Current;
        if (c == '"' || c == '\'')
        {
            i++;
            while (true)
            {
                if (i >= _t.Length || _t[i] == '\n' || _t[i] == '\r') return false;
                if (c == '\'' && _t[i] == '\'' && i + 1 < _t.Length && _t[i + 1] == '\'') { i += 2; continue; }
                if (c == '"' && _t[i] == '\\') { i += 2; continue; }
                if (_t[i] == c) break;
                i++;
            }
            i++;
            while (i < _t.Length && _t[i] == ' ') i++;
            return i < _t.Length && _t[i] == ':' && IsBlankOrBreakOrEndAt(i + 1);
        }
        if (c == '?' && IsBlankOrBreakOrEndAt(_p + 1)) return true; // an explicit key (see ExplicitKey)
        for (; i < _t.Length && _t[i] != '\n' && _t[i] != '\r'; i++)
        {
            if (_t[i] == ':' && IsBlankOrBreakOrEndAt(i + 1)) return true;
            if (_t[i] == '#' && i > _p && _t[i - 1] == ' ') return false;
        }
        return false;
    }

    /// <summary>
    /// An explicit key ("? key" on its own line, then ": value" at the same column), as PyYAML writes keys longer than
    /// 128 characters (Twilio's documents have them); only a key that is one scalar on the '?' line. Leaves the cursor
    /// on the ':'.
    /// </summary>
    private string ExplicitKey(int column, out int start, out int end)
    {
        _p++; // '?'
        SkipSpaces();
        if (AtLineEndOrComment()) throw new GiveUp();
        start = _p;
        char c = Current;
        string key;
        if (c == '"' || c == '\'')
        {
            key = QuotedKey(out end);
            ExpectLineEnd();
        }
        else
        {
            // Ends at the line break: the ':' line is no deeper than the '?'.
            if (!CanStartPlain(_p)) throw new GiveUp();
            key = PlainScalar(column, flow: false, out end, out bool stoppedAtColon);
            if (stoppedAtColon || _t.IndexOf('\n', start, end - start) >= 0) throw new GiveUp();
        }
        if (!SkipToContent() || Column != column || Current != ':' || !IsBlankOrBreakOrEndAt(_p + 1)) throw new GiveUp();
        return key;
    }

    /// <summary>A quoted key: it ends on the line it starts on.</summary>
    private string QuotedKey(out int end)
    {
        int line = _lineStart;
        string key = QuotedScalar(out _, out end);
        if (_lineStart != line) throw new GiveUp();
        return key;
    }

    private string Key(out int start, out int end)
    {
        start = _p;
        char c = Current;
        string key;
        if (c == '"' || c == '\'')
        {
            key = QuotedKey(out end);
            SkipSpaces();
        }
        else
        {
            if (!CanStartPlain(_p)) throw new GiveUp();
            key = PlainScalar(-1, flow: false, out end, out bool stoppedAtColon, singleLine: true);
            if (!stoppedAtColon) throw new GiveUp();
        }
        if (Current != ':' || !IsBlankOrBreakOrEndAt(_p + 1) || end - start > MaxKeyLength) throw new GiveUp();
        return key;
    }

    /// <summary>Whether a plain scalar may start here: not an indicator (and '-', '?', ':' only before a non-blank).</summary>
    private bool CanStartPlain(int i)
    {
        if (i >= _t.Length) return false;
        char c = _t[i];
        switch (c)
        {
            case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
            case '|': case '>': case '\'': case '"': case '%': case '@': case '`': case ' ': case '\n': case '\r':
                return false;
            case '-': case '?': case ':':
                return !IsBlankOrBreakOrEndAt(i + 1);
            default:
                return true;
        }
    }

    /// <summary>
    /// A plain scalar: words, folded over lines that stay deeper than <paramref name="indent"/> (block context),
    /// up to a comment, a ': ' (reported in <paramref name="stoppedAtColon"/>), or in flow context an indicator.
    /// </summary>
    private string PlainScalar(int indent, bool flow, out int end, out bool stoppedAtColon, bool singleLine = false)
    {
        var text = _text.Clear();
        int start = _p;
        bool folded = false;
        int pendingSpaces = 0;
        bool inBreaks = false;
        int trailingBreaks = 0;
        stoppedAtColon = false;
        end = _p;
        while (true)
        {
            // Characters up to a blank or a break.
            while (!IsBlankOrBreakOrEndAt(_p))
            {
                char c = _t[_p];
                if (c == ':' && IsBlankOrBreakOrEndAt(_p + 1)) { stoppedAtColon = true; break; }
                if (flow)
                {
                    if (c == ':') throw new GiveUp();
                    if (c is ',' or '?' or '[' or ']' or '{' or '}') break;
                }
                if (inBreaks)
                {
                    if (trailingBreaks == 0) text.Append(' ');
                    else text.Append('\n', trailingBreaks);
                    inBreaks = false;
                    trailingBreaks = 0;
                    folded = true;
                }
                else if (pendingSpaces > 0)
                {
                    text.Append(' ', pendingSpaces);
                }
                pendingSpaces = 0;
                text.Append(c);
                _p++;
                end = _p;
            }
            if (stoppedAtColon || !IsBlankOrBreakOrEndAt(_p) || AtEnd) break;
            // Blanks and breaks.
            while (_p < _t.Length && (_t[_p] == ' ' || IsBreakAt(_p)))
            {
                if (_t[_p] == ' ')
                {
                    if (!inBreaks) pendingSpaces++;
                    _p++;
                }
                else
                {
                    if (singleLine) throw new GiveUp();
                    if (!inBreaks) { pendingSpaces = 0; inBreaks = true; }
                    else trailingBreaks++;
                    NextLine();
                }
            }
            if (AtEnd || Current == '#') break;
            if (inBreaks && !flow && Column < indent + 1) break;
        }
        // On one line, the scalar is the text itself: short ones (keys, types, formats) are shared, not copied again.
        return folded ? text.ToString() : Shared(start, end - start);
    }

    private string[] _shared;
    private int _sharedCount;

    /// <summary>
    /// The pool's first size: a slot per 128 characters, a power of two from 64 to 4,096. A fixed 4,096 slots cost 32 KB
    /// for each of the 1,500 small files DigitalOcean's document is read from: 14% of what generating from it allocated.
    /// </summary>
    private static int SharedPoolSize(int textLength)
    {
        int size = 64;
        while (size < 4096 && size * 128 < textLength) size *= 2;
        return size;
    }

    /// <summary>The text at [start, start + length) as a string, one instance per distinct short text.</summary>
    private string Shared(int start, int length)
    {
        if (length > 48) return _t.Substring(start, length);
        int mask = _shared.Length - 1;
        for (int slot = (int)(Fnv1a.Hash(_t, start, length) & (uint)mask); ; slot = (slot + 1) & mask)
        {
            var candidate = _shared[slot];
            if (candidate is null)
            {
                candidate = _t.Substring(start, length);
                _shared[slot] = candidate;
                if (++_sharedCount * 2 > _shared.Length) Grow();
                return candidate;
            }
            if (candidate.Length == length && string.CompareOrdinal(candidate, 0, _t, start, length) == 0) return candidate;
        }
    }

    private void Grow()
    {
        var old = _shared;
        _shared = new string[old.Length * 2];
        int mask = _shared.Length - 1;
        foreach (var text in old)
        {
            if (text is null) continue;
            int slot = (int)(Fnv1a.Hash(text) & (uint)mask);
            while (_shared[slot] is not null) slot = (slot + 1) & mask;
            _shared[slot] = text;
        }
    }

    /// <summary>A single- or double-quoted scalar (may span lines); the cursor ends after the closing quote.</summary>
    private string QuotedScalar(out int start, out int end)
    {
        start = _p;
        char quote = _t[_p++];
        bool single = quote == '\'';
        var text = _text.Clear();
        int spaces;
        while (true)
        {
            if (AtEnd) throw new GiveUp();
            bool escapedBreak = false;
            while (!IsBlankOrBreakOrEndAt(_p))
            {
                char c = _t[_p];
                if (single && c == '\'' && _p + 1 < _t.Length && _t[_p + 1] == '\'') { text.Append('\''); _p += 2; continue; }
                if (c == quote) break;
                if (!single && c == '\\')
                {
                    if (IsBreakAt(_p + 1))
                    {
                        _p++;
                        NextLine();
                        escapedBreak = true;
                        break;
                    }
                    Escape(text);
                    continue;
                }
                text.Append(c);
                _p++;
            }
            if (Current == quote) break;
            // Blanks and breaks: folded as SharpYaml folds them.
            bool leadingBreak = false;
            int trailingBreaks = 0;
            spaces = 0;
            while (_p < _t.Length && (_t[_p] == ' ' || IsBreakAt(_p)))
            {
                if (_t[_p] == ' ')
                {
                    if (!escapedBreak && !leadingBreak) spaces++;
                    _p++;
                }
                else
                {
                    if (!escapedBreak && !leadingBreak) { spaces = 0; leadingBreak = true; }
                    else trailingBreaks++;
                    NextLine();
                    if (Column == 0 && IsDocumentMarkerAt(_t, _p)) throw new GiveUp();
                }
            }
            if (leadingBreak)
            {
                if (trailingBreaks == 0) text.Append(' ');
                else text.Append('\n', trailingBreaks);
            }
            else if (escapedBreak)
            {
                text.Append('\n', trailingBreaks);
            }
            else
            {
                text.Append(' ', spaces);
            }
        }
        _p++;
        end = _p;
        return text.ToString();
    }

    private void Escape(StringBuilder text)
    {
        if (_p + 1 >= _t.Length) throw new GiveUp();
        char code = _t[_p + 1];
        int digits = code switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (digits == 0)
        {
            char? simple = code switch
            {
                '0' => '\0', 'a' => '\a', 'b' => '\b', 't' => '\t', 'n' => '\n', 'v' => '\v', 'f' => '\f', 'r' => '\r',
                'e' => '\u001b', ' ' => ' ', '"' => '"', '\'' => '\'', '\\' => '\\', '/' => '/', 'N' => '\u0085',
                '_' => '\u00a0', 'L' => '\u2028', 'P' => '\u2029', _ => null,
            };
            if (simple is null) throw new GiveUp();
            text.Append(simple.Value);
            _p += 2;
            return;
        }
        int value = Hex(_p + 2, digits);
        _p += 2 + digits;
        if (value >= 0xD800 && value <= 0xDFFF)
        {
            // A surrogate pair as two \u escapes; anything else is SharpYaml's to report.
            if (digits != 4 || value > 0xDBFF || _p + 5 >= _t.Length || _t[_p] != '\\' || _t[_p + 1] != 'u') throw new GiveUp();
            int low = Hex(_p + 2, 4);
            if (low < 0xDC00 || low > 0xDFFF) throw new GiveUp();
            text.Append((char)value).Append((char)low);
            _p += 6;
            return;
        }
        if (value > 0x10FFFF) throw new GiveUp();
        text.Append(char.ConvertFromUtf32(value));
    }

    private int Hex(int at, int digits)
    {
        if (at + digits > _t.Length) throw new GiveUp();
        int value = 0;
        for (int i = 0; i < digits; i++)
        {
            char c = _t[at + i];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) throw new GiveUp();
            value = (value << 4) | d;
        }
        return value;
    }

    /// <summary>A literal (|) or folded (>) block scalar, with clip, strip (-) or keep (+) chomping and an optional indentation indicator.</summary>
    private JsonNode BlockScalar(int indent)
    {
        bool literal = _t[_p++] == '|';
        int chomping = 0;
        int indicator = 0;
        for (int i = 0; i < 2; i++)
        {
            if (chomping == 0 && (Current == '+' || Current == '-'))
            {
                chomping = Current == '+' ? 1 : -1;
                _p++;
            }
            else if (indicator == 0 && Current >= '1' && Current <= '9')
            {
                indicator = Current - '0';
                _p++;
            }
        }
        if (char.IsDigit(Current)) throw new GiveUp();
        SkipSpaces();
        if (Current == '#') SkipComment();
        if (!IsBreakAt(_p)) throw new GiveUp();
        NextLine();

        var text = _text.Clear();
        int trailingBreaks = 0;
        int contentIndent = indicator == 0 ? 0 : indent >= 0 ? indent + indicator : indicator;
        contentIndent = Breaks(contentIndent, indent, ref trailingBreaks);
        // The break after each line: none yet, a line break, or the end of the text (which SharpYaml reads as '\0').
        char leadingBreak = '\uffff';
        bool leadingBlank = false;
        while (Column == contentIndent && !AtEnd)
        {
            bool trailingBlank = Current == ' ';
            if (!literal && leadingBreak == '\n' && !leadingBlank && !trailingBlank)
            {
                if (trailingBreaks == 0) text.Append(' ');
            }
            else if (leadingBreak != '\uffff')
            {
                text.Append(leadingBreak);
            }
            leadingBreak = '\uffff';
            text.Append('\n', trailingBreaks);
            trailingBreaks = 0;
            leadingBlank = Current == ' ';
            int from = _p;
            while (!AtEnd && !IsBreakAt(_p)) _p++;
            text.Append(_t, from, _p - from);
            if (AtEnd)
            {
                leadingBreak = '\0';
                break;
            }
            NextLine();
            leadingBreak = '\n';
            contentIndent = Breaks(contentIndent, indent, ref trailingBreaks);
        }
        if (chomping != -1 && leadingBreak != '\uffff') text.Append(leadingBreak);
        if (chomping == 1) text.Append('\n', trailingBreaks);
        return YamlTreeReader.ToJsonValue(text.ToString(), literal ? ScalarStyle.Literal : ScalarStyle.Folded);
    }

    /// <summary>Indentation and empty lines before a block scalar's next line; finds the content indentation when it is 0.</summary>
    private int Breaks(int contentIndent, int indent, ref int breaks)
    {
        int maxColumn = 0;
        while (true)
        {
            while ((contentIndent == 0 || Column < contentIndent) && Current == ' ') _p++;
            if (Column > maxColumn) maxColumn = Column;
            if (!IsBreakAt(_p)) break;
            breaks++;
            NextLine();
        }
        return contentIndent == 0 ? Math.Max(maxColumn, Math.Max(indent + 1, 1)) : contentIndent;
    }

    /// <summary>A flow node: [..], {..}, or a scalar inside them.</summary>
    private JsonNode FlowNode(out int positions)
    {
        positions = -1;
        char c = Current;
        if (c == '[') return FlowSequence(out positions);
        if (c == '{') return FlowMapping(out positions);
        if (c == '"' || c == '\'')
        {
            var value = QuotedScalar(out _, out _);
            return YamlTreeReader.ToJsonValue(value, c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted);
        }
        if (!CanStartPlain(_p)) throw new GiveUp();
        var plain = PlainScalar(-1, flow: true, out _, out bool stoppedAtColon);
        if (stoppedAtColon) throw new GiveUp();
        return YamlTreeReader.ToJsonValue(plain, ScalarStyle.Plain);
    }

    private JsonArray FlowSequence(out int positions)
    {
        Enter();
        int start = _p++;
        var list = new JsonArray();
        var (_, starts, _, children) = Gather();
        SkipFlowSpace();
        while (Current != ']')
        {
            starts.Add(_p);
            list.Add(FlowNode(out var itemPositions));
            children.Add(itemPositions);
            AfterFlowEntry(']');
        }
        _p++;
        Exit();
        positions = _positions.Add(start, null, starts, null, children);
        return list;
    }

    private JsonObject FlowMapping(out int positions)
    {
        Enter();
        int start = _p++;
        var map = new JsonObject();
        var (keys, starts, lengths, children) = Gather();
        SkipFlowSpace();
        while (Current != '}')
        {
            int keyStart = _p;
            string key;
            int keyEnd;
            char c = Current;
            if (c == '"' || c == '\'')
            {
                key = QuotedScalar(out _, out keyEnd);
                SkipFlowSpace();
            }
            else
            {
                if (!CanStartPlain(_p)) throw new GiveUp();
                key = PlainScalar(-1, flow: true, out keyEnd, out bool stoppedAtColon);
                if (!stoppedAtColon) throw new GiveUp();
            }
            if (Current != ':' || !IsBlankOrBreakOrEndAt(_p + 1) || map.ContainsKey(key)) throw new GiveUp();
            _p++;
            SkipFlowSpace();
            if (Current is ',' or '}') throw new GiveUp(); // an empty value
            var value = FlowNode(out var valuePositions);
            map.Add(key, value);
            keys.Add(key);
            starts.Add(keyStart);
            lengths.Add(Math.Max(1, keyEnd - keyStart));
            children.Add(valuePositions);
            AfterFlowEntry('}');
        }
        _p++;
        Exit();
        positions = _positions.Add(start, keys, starts, lengths, children);
        return map;
    }

    /// <summary>After an entry of a flow collection: a ',' (and what follows it) or the closing bracket.</summary>
    private void AfterFlowEntry(char close)
    {
        SkipFlowSpace();
        if (Current == ',')
        {
            _p++;
            SkipFlowSpace();
        }
        else if (Current != close)
        {
            throw new GiveUp();
        }
    }

    /// <summary>
    /// The lists the container being read at the current depth gathers its positions in: one set per depth, reused by
    /// every container at that depth (each copies them out when it ends), instead of four new lists per container.
    /// </summary>
    private (List<string> Keys, List<int> Starts, List<int> Lengths, List<int> Children) Gather()
    {
        while (_gathered.Count <= _depth) _gathered.Add((new List<string>(), new List<int>(), new List<int>(), new List<int>()));
        var lists = _gathered[_depth];
        lists.Keys.Clear();
        lists.Starts.Clear();
        lists.Lengths.Clear();
        lists.Children.Clear();
        return lists;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw new GiveUp();
    }

    private void Exit() => _depth--;

    private void NextLine()
    {
        if (_t[_p] == '\r') _p++;
        _p++;
        _lineStart = _p;
    }

    private void SkipSpaces()
    {
        while (_p < _t.Length && _t[_p] == ' ') _p++;
    }

    private void SkipComment()
    {
        while (_p < _t.Length && !IsBreakAt(_p)) _p++;
    }

    private bool AtLineEndOrComment() => AtEnd || IsBreakAt(_p) || Current == '#';

    /// <summary>After a value: only blanks and a comment may follow on its line.</summary>
    private void ExpectLineEnd()
    {
        int from = _p;
        SkipSpaces();
        if (Current == '#')
        {
            if (_p == from) throw new GiveUp();
            SkipComment();
        }
        if (!AtEnd && !IsBreakAt(_p)) throw new GiveUp();
    }

    /// <summary>Skips blanks, comments and line breaks; false at the end of the text.</summary>
    private bool SkipToContent()
    {
        while (true)
        {
            SkipSpaces();
            if (AtEnd) return false;
            if (Current == '#') SkipComment();
            if (AtEnd) return false;
            if (!IsBreakAt(_p)) return true;
            NextLine();
        }
    }

    /// <summary>Blanks, breaks and comments between flow tokens.</summary>
    private void SkipFlowSpace()
    {
        while (true)
        {
            int from = _p;
            SkipSpaces();
            if (Current == '#')
            {
                if (_p == from && _p > 0 && !IsBlankOrBreakOrEndAt(_p - 1)) throw new GiveUp();
                SkipComment();
            }
            if (!IsBreakAt(_p)) return;
            NextLine();
            if (IsDocumentMarkerAt(_t, _p)) throw new GiveUp();
        }
    }
}
