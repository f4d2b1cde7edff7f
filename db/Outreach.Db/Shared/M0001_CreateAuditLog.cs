using FluentMigrator;

namespace Outreach.Db.Shared;

[Migration(2026_11_23_0001, "Append-only audit log of personal-data access and denials")]
public sealed class M0001_CreateAuditLog : Migration
{
    public override void Up()
    {
        Create.Table("shared_audit_log")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("occurred_at").AsDateTimeOffset().NotNullable().Indexed("ix_shared_audit_log_occurred_at")
            .WithColumn("user_id").AsGuid().Nullable().Indexed("ix_shared_audit_log_user")
            .WithColumn("user_role").AsString(32).Nullable()
            .WithColumn("action").AsString(100).NotNullable()
            .WithColumn("entity").AsString(64).NotNullable()
            .WithColumn("entity_id").AsGuid().Nullable().Indexed("ix_shared_audit_log_entity")
            .WithColumn("outcome").AsString(16).NotNullable()
            .WithColumn("client_address").AsString(64).Nullable()
            .WithColumn("detail").AsString(500).Nullable();

        IfDatabase(ProcessorIds.SQLite).Execute.Sql("""
            CREATE TRIGGER shared_audit_log_no_update BEFORE UPDATE ON shared_audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER shared_audit_log_no_delete BEFORE DELETE ON shared_audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("""
            CREATE FUNCTION shared_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
            CREATE TRIGGER shared_audit_log_append_only BEFORE UPDATE OR DELETE ON shared_audit_log
            FOR EACH ROW EXECUTE FUNCTION shared_audit_log_append_only();
            """);
        IfDatabase(ProcessorIds.SqlServer).Execute.Sql("""
            CREATE TRIGGER shared_audit_log_append_only ON shared_audit_log INSTEAD OF UPDATE, DELETE AS
            BEGIN THROW 51000, 'the audit log is append-only', 1; END;
            """);
    }

    public override void Down() => Delete.Table("shared_audit_log");
}
