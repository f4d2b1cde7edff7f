using System.Data.Common;

namespace Outreach.Shared.Data;

public static class DbErrors
{
    /// <summary>A primary-key or unique-index violation, on any of the three providers.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}

/// <summary>
/// A create with a client-chosen id. When two copies race, the loser's insert hits the key; the transaction behavior
/// then runs it once more, and the handler's replay check answers with the winner's record.
/// </summary>
public interface IIdempotentCreate;
