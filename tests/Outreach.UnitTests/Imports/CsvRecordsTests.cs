using System.Text;
using Outreach.Surveys.Imports;

namespace Outreach.UnitTests.Imports;

public sealed class CsvRecordsTests
{
    private static CsvRecords Reader(string text, bool bom = false, char delimiter = ',')
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new CsvRecords(new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes), (byte)delimiter);
    }

    private static List<(long Line, string[] Fields)> All(CsvRecords reader)
    {
        var rows = new List<(long, string[])>();
        var fields = new List<string>();
        while (reader.Read(fields)) rows.Add((reader.Line, [.. fields]));
        return rows;
    }

    [Fact]
    public void Quoted_cells_keep_delimiters_doubled_quotes_and_line_breaks_and_lines_count_physical_lines()
    {
        var rows = All(Reader("a,b,c\r\n1,\"x, \"\"y\"\"\",\"पहली\r\nदूसरी\"\r\n2,,last\r\n"));

        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "x, \"y\"", "पहली\r\nदूसरी"], rows[1].Fields);
        Assert.Equal((2L, 4L), (rows[1].Line, rows[2].Line));
        Assert.Equal(["2", "", "last"], rows[2].Fields);
    }

    [Fact]
    public void A_BOM_is_skipped_a_semicolon_is_detected_and_a_last_line_without_newline_is_read()
    {
        var text = "_uuid;Village;Household size\n1;Kotri;5\n2;Jawar;3";
        var delimiter = CsvRecords.DetectDelimiter(Encoding.UTF8.GetBytes(text));

        var rows = All(Reader(text, bom: true, delimiter: (char)delimiter));

        Assert.Equal((byte)';', delimiter);
        Assert.Equal("_uuid", rows[0].Fields[0]);
        Assert.Equal(["2", "Jawar", "3"], rows[2].Fields);
    }

    [Fact]
    public void Columns_not_wanted_read_as_empty_without_changing_counts_lines_or_blank_rows()
    {
        using var reader = Reader("a,b,c\n1,\"two\nlines\",3\n\n,x\nonly\n");
        reader.Wanted = [true, false, true];

        var rows = All(reader);

        Assert.Equal([(1L, ["a", "", "c"]), (2L, ["1", "", "3"]), (5L, ["", ""]), (6L, ["only"])], rows.Select(r => (r.Line, r.Fields)).ToList(), new RowComparer());
    }

    private sealed class RowComparer : IEqualityComparer<(long Line, string[] Fields)>
    {
        public bool Equals((long Line, string[] Fields) x, (long Line, string[] Fields) y) => x.Line == y.Line && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode((long Line, string[] Fields) row) => row.Line.GetHashCode();
    }

    [Fact]
    public void Reading_again_from_a_checkpoint_gives_the_same_remaining_rows_and_lines()
    {
        var text = "h1,h2\n1,\"multi\nline\"\n2,b\n\n3,c\n";
        var whole = All(Reader(text));
        var first = Reader(text);
        var fields = new List<string>();
        first.Read(fields);
        first.Read(fields);

        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        stream.Seek(first.Offset, SeekOrigin.Begin);
        var resumed = All(new CsvRecords(stream, (byte)',', first.Offset, first.NextLine));

        Assert.Equal(whole.Skip(2).Select(r => (r.Line, string.Join("|", r.Fields))), resumed.Select(r => (r.Line, string.Join("|", r.Fields))));
        Assert.Equal(6L, resumed[^1].Line);
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("a \"b\", c", "\"a \"\"b\"\", c\"")]
    [InlineData("plain", "plain")]
    public void Error_report_cells_are_quoted_and_defused_for_spreadsheets(string text, string expected) =>
        Assert.Equal(expected, CsvText.Cell(text));
}
