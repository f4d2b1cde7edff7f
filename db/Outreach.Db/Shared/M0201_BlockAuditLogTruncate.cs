using FluentMigrator;

namespace Outreach.Db.Shared;

/// <summary>
/// PostgreSQL's TRUNCATE skips row triggers, so the append-only audit log needs a statement trigger as well. (SQLite has
/// no TRUNCATE; on SQL Server, TRUNCATE needs ALTER permission on the table, which the application's login must not hold.)
/// </summary>
[Migration(2026_12_01_0201, "The audit log refuses TRUNCATE on PostgreSQL")]
public sealed class M0201_BlockAuditLogTruncate : Migration
{
    public override void Up() =>
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("""
            CREATE TRIGGER shared_audit_log_no_truncate BEFORE TRUNCATE ON shared_audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION shared_audit_log_append_only();
            """);

    public override void Down() =>
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("DROP TRIGGER shared_audit_log_no_truncate ON shared_audit_log;");
}
