using FluentMigrator;

namespace Outreach.Db.Cases;

[Migration(2026_11_23_0005, "People met in outreach, their households, and the consent ledger")]
public sealed class M0005_CreatePeopleAndConsent : Migration
{
    public override void Up()
    {
        Create.Table("cases_household")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("label").AsString(120).NotNullable()
            .WithRegionAncestry()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_household_district").OnTable("cases_household").OnColumn("district_id");

        Create.Table("cases_person")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("household_id").AsGuid().Nullable().ForeignKey("fk_cases_person_household", "cases_household", "id")
            .WithColumn("reference").AsAnsiString(16).NotNullable()
            .WithColumn("given_name").AsString(120).Nullable()
            .WithColumn("family_name").AsString(120).Nullable()
            .WithColumn("sex").AsAnsiString(16).Nullable()
            .WithColumn("birth_year").AsInt32().Nullable()
            .WithColumn("phone").AsAnsiString(20).Nullable()
            .WithColumn("risk_note").AsString(2000).Nullable()
            .WithColumn("status").AsAnsiString(16).NotNullable()
            .WithRegionAncestry()
            .WithColumn("assigned_worker_id").AsGuid().NotNullable()
            .WithColumn("content_hash").AsAnsiString(64).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();
        Create.Index("ux_cases_person_reference").OnTable("cases_person").OnColumn("reference").Ascending().WithOptions().Unique();
        Create.Index("ix_cases_person_district").OnTable("cases_person").OnColumn("district_id");
        Create.Index("ix_cases_person_block").OnTable("cases_person").OnColumn("block_id");
        Create.Index("ix_cases_person_village").OnTable("cases_person").OnColumn("village_id");
        Create.Index("ix_cases_person_worker").OnTable("cases_person").OnColumn("assigned_worker_id");

        Create.Table("cases_consent")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("person_id").AsGuid().NotNullable().ForeignKey("fk_cases_consent_person", "cases_person", "id")
            .WithColumn("purpose").AsAnsiString(32).NotNullable()
            .WithColumn("granted").AsBoolean().NotNullable()
            .WithColumn("method").AsAnsiString(16).NotNullable()
            .WithColumn("expires_on").AsDate().Nullable()
            .WithColumn("recorded_by").AsGuid().NotNullable()
            .WithColumn("recorded_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_consent_person").OnTable("cases_consent").OnColumn("person_id").Ascending().OnColumn("purpose").Ascending();
    }

    public override void Down()
    {
        Delete.Table("cases_consent");
        Delete.Table("cases_person");
        Delete.Table("cases_household");
    }
}
