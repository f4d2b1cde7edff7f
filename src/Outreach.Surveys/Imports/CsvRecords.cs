using System.Buffers;
using System.Text;

namespace Outreach.Surveys.Imports;

/// <summary>
/// Reads CSV records straight from the bytes of a UTF-8 file, one at a time. It parses bytes rather than text because an
/// import's checkpoint is a byte offset: after a crash the job seeks to the end of the last committed record and goes on.
/// Quotes, doubled quotes, embedded newlines, CRLF, a leading BOM and ',' or ';' as delimiter are handled.
/// </summary>
internal sealed class CsvRecords(Stream stream, byte delimiter, long startOffset = 0, long startLine = 1) : IDisposable
{
    private const int MaxField = 1 << 20;
    private readonly byte[] buffer = new byte[1 << 16];
    private static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\n"u8);
    private readonly SearchValues<byte> stops = SearchValues.Create([delimiter, (byte)'\n', (byte)'\r', (byte)'"']);
    private byte[] field = new byte[256];
    private int fieldLength;
    private bool recordHasText;
    private int position;
    private int length;
    private bool startOfFile = startOffset == 0;

    /// <summary>Bytes consumed up to the end of the last record read: where to seek to go on.</summary>
    public long Offset { get; private set; } = startOffset;

    /// <summary>The physical line the last record read starts on (1 is the header).</summary>
    public long Line { get; private set; }

    /// <summary>The line the next record starts on.</summary>
    public long NextLine { get; private set; } = startLine;

    public static CsvRecords Open(string path, byte delimiter, long offset = 0, long line = 1)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        file.Seek(offset, SeekOrigin.Begin);
        return new CsvRecords(file, delimiter, offset, line);
    }

    /// <summary>When set, only the columns marked true are decoded; the others read as "" (an import maps about half an export's columns).</summary>
    public bool[]? Wanted { get; set; }

    /// <summary>',' or ';', whichever the header line has more of outside quotes.</summary>
    public static byte DetectDelimiter(ReadOnlySpan<byte> head)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var b in head)
        {
            if (b == (byte)'"') quoted = !quoted;
            else if (quoted) continue;
            else if (b == (byte)'\n') break;
            else if (b == (byte)',') commas++;
            else if (b == (byte)';') semicolons++;
            else if (b == (byte)'\t') tabs++;
        }
        return tabs > commas && tabs > semicolons ? (byte)'\t' : semicolons > commas ? (byte)';' : (byte)',';
    }

    /// <summary>The next record's fields, or false at the end of the file. Blank lines are skipped.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            if (!TryReadRecord(fields)) return false;
            if (fields.Count > 1 || recordHasText) return true;
            fields.Clear();
        }
    }

    private bool TryReadRecord(List<string> fields)
    {
        if (startOfFile)
        {
            startOfFile = false;
            if (Peek() == 0xEF && Fill(3) && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF) Advance(3);
        }
        if (Peek() < 0) return false;
        Line = NextLine;
        fieldLength = 0;
        recordHasText = false;
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            if (Peek() < 0)
            {
                fields.Add(Decode(fields.Count));
                return true;
            }
            // Copy the plain run up to the next byte that matters in one go.
            var span = buffer.AsSpan(position, length - position);
            var run = quoted ? span.IndexOfAny(QuotedStops) : span.IndexOfAny(stops);
            if (run < 0) run = span.Length;
            if (run > 0)
            {
                Append(span[..run]);
                Advance(run);
                continue;
            }
            var b = buffer[position];
            Advance(1);
            if (quoted)
            {
                if (b == '"')
                {
                    if (Peek() == '"')
                    {
                        Advance(1);
                        Append("\""u8);
                    }
                    else quoted = false;
                }
                else
                {
                    NextLine++;
                    Append("\n"u8);
                }
                continue;
            }
            if (b == delimiter)
            {
                fields.Add(Decode(fields.Count));
                wasQuoted = false;
            }
            else if (b == '\n' || b == '\r')
            {
                if (b == '\r' && Peek() == '\n') Advance(1);
                NextLine++;
                fields.Add(Decode(fields.Count));
                return true;
            }
            else if (fieldLength == 0 && !wasQuoted)
            {
                quoted = true;
                wasQuoted = true;
            }
            else Append("\""u8);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        recordHasText |= bytes.Length > 0;
        if (fieldLength + bytes.Length > field.Length)
        {
            if (field.Length >= MaxField) return;
            Array.Resize(ref field, Math.Min(MaxField, Math.Max(field.Length * 2, fieldLength + bytes.Length)));
            if (fieldLength + bytes.Length > field.Length) bytes = bytes[..(field.Length - fieldLength)];
        }
        bytes.CopyTo(field.AsSpan(fieldLength));
        fieldLength += bytes.Length;
    }

    private string Decode(int column)
    {
        if (fieldLength == 0 || (Wanted is { } wanted && (column >= wanted.Length || !wanted[column])))
        {
            fieldLength = 0;
            return "";
        }
        var text = Encoding.UTF8.GetString(field, 0, fieldLength);
        fieldLength = 0;
        return text;
    }

    private int Peek() => position < length || Fill(1) ? buffer[position] : -1;

    private void Advance(int count)
    {
        position += count;
        Offset += count;
    }

    private bool Fill(int needed)
    {
        if (length - position >= needed) return true;
        var kept = length - position;
        Array.Copy(buffer, position, buffer, 0, kept);
        position = 0;
        length = kept;
        while (length < needed)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) return false;
            length += read;
        }
        return true;
    }

    public void Dispose() => stream.Dispose();
}

internal static class CsvText
{
    /// <summary>A cell for a CSV line: quoted when it holds a delimiter, a quote or a line break; a leading =,+,-,@ is defused for spreadsheets.</summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return text.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
