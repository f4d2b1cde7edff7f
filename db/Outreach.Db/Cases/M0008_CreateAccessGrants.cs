using FluentMigrator;

namespace Outreach.Db.Cases;

[Migration(2026_11_23_0008, "Time-limited break-glass access to a person's sensitive notes, and people merged into another")]
public sealed class M0008_CreateAccessGrants : Migration
{
    public override void Up()
    {
        Create.Table("cases_access_grant")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("person_id").AsGuid().NotNullable().ForeignKey("fk_cases_access_grant_person", "cases_person", "id")
            .WithColumn("user_id").AsGuid().NotNullable()
            .WithColumn("reason").AsString(500).NotNullable()
            .WithColumn("granted_at").AsDateTimeOffset().NotNullable()
            .WithColumn("expires_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_access_grant_person_user").OnTable("cases_access_grant").OnColumn("person_id").Ascending().OnColumn("user_id").Ascending();

        Alter.Table("cases_person").AddColumn("merged_into_id").AsGuid().Nullable();
    }

    public override void Down()
    {
        Delete.Column("merged_into_id").FromTable("cases_person");
        Delete.Table("cases_access_grant");
    }
}
