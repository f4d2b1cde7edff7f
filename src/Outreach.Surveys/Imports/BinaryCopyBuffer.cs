using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Outreach.Surveys.Imports;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (per row a field count and length-prefixed big-endian values), built in a
/// pooled buffer; a COPY sends <see cref="Header"/>, any number of such buffers, and <see cref="Trailer"/>. The import's
/// reader encodes chunks on its own threads, so the thread holding the connection only streams bytes. Only the types the
/// response table uses are written.
/// </summary>
internal sealed class BinaryCopyBuffer : IDisposable
{
    /// <summary>The signature, no flags, and an empty header extension.</summary>
    public static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A field count of −1 ends the data.</summary>
    public static readonly byte[] Trailer = [0xFF, 0xFF];
    private static readonly DateOnly DateEpoch = new(2000, 1, 1);
    private static readonly long TimestampEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] buffer;
    private int length;

    public BinaryCopyBuffer(int capacity = 1 << 16) => buffer = ArrayPool<byte>.Shared.Rent(capacity);

    /// <summary>The rows written; valid until the buffer is disposed.</summary>
    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    public void StartRow(short fields) => Int16(fields);

    public void Null() => Int32(-1);

    public void Uuid(Guid value)
    {
        Int32(16);
        value.TryWriteBytes(Take(16), bigEndian: true, out _);
    }

    public void Integer(int value)
    {
        Int32(4);
        Int32(value);
    }

    public void Date(DateOnly value)
    {
        Int32(4);
        Int32(value.DayNumber - DateEpoch.DayNumber);
    }

    public void TimestampTz(DateTimeOffset value)
    {
        Int32(8);
        BinaryPrimitives.WriteInt64BigEndian(Take(8), (value.UtcTicks - TimestampEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var bytes = Encoding.UTF8.GetByteCount(value);
        Int32(bytes);
        Encoding.UTF8.GetBytes(value, Take(bytes));
    }

    public void Uuid(Guid? value)
    {
        if (value is { } present) Uuid(present);
        else Null();
    }

    /// <summary>numeric: base-10000 digit groups with a weight (the first group's power of 10000), a sign and the display scale.</summary>
    public void Numeric(decimal? value)
    {
        if (value is not { } number)
        {
            Null();
            return;
        }
        var text = Math.Abs(number).ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integer = (dot < 0 ? text : text[..dot]).TrimStart('0');
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        var leftPad = (4 - integer.Length % 4) % 4;
        var padded = new string('0', leftPad) + integer + fraction + new string('0', (4 - fraction.Length % 4) % 4);
        var groups = new List<short>(padded.Length / 4);
        for (var i = 0; i < padded.Length; i += 4) groups.Add(short.Parse(padded.AsSpan(i, 4), CultureInfo.InvariantCulture));
        var weight = (leftPad + integer.Length) / 4 - 1;
        var first = groups.FindIndex(g => g != 0);
        var last = groups.FindLastIndex(g => g != 0);
        var digits = first < 0 ? [] : groups[first..(last + 1)];
        weight = first < 0 ? 0 : weight - first;
        Int32(8 + 2 * digits.Count);
        Int16((short)digits.Count);
        Int16((short)weight);
        Int16((short)(number < 0 && digits.Count > 0 ? 0x4000 : 0));
        Int16((short)fraction.Length);
        foreach (var digit in digits) Int16(digit);
    }

    public void Dispose()
    {
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        length = 0;
    }

    private void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Take(2), value);

    private void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

    private Span<byte> Take(int count)
    {
        if (length + count > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + count));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
