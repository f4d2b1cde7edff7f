using FluentMigrator;

namespace Outreach.Db.Cases;

[Migration(2026_11_23_0007, "Service directory and closed-loop referrals with their history")]
public sealed class M0007_CreateDirectoryAndReferrals : Migration
{
    public override void Up()
    {
        Create.Table("cases_service")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("category").AsAnsiString(32).NotNullable()
            .WithColumn("region_id").AsGuid().NotNullable()
            .WithColumn("region_level").AsInt32().NotNullable()
            .WithColumn("region_path").AsAnsiString(200).NotNullable()
            .WithColumn("country_id").AsGuid().NotNullable()
            .WithColumn("state_id").AsGuid().Nullable()
            .WithColumn("district_id").AsGuid().Nullable()
            .WithColumn("block_id").AsGuid().Nullable()
            .WithColumn("languages").AsAnsiString(200).Nullable()
            .WithColumn("contact").AsString(250).NotNullable()
            .WithColumn("hours").AsString(250).Nullable()
            .WithColumn("mode").AsAnsiString(16).NotNullable()
            .WithColumn("last_verified_on").AsDate().NotNullable()
            .WithColumn("content_hash").AsAnsiString(64).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_service_region").OnTable("cases_service").OnColumn("region_id");
        Create.Index("ix_cases_service_state").OnTable("cases_service").OnColumn("state_id");
        Create.Index("ix_cases_service_district").OnTable("cases_service").OnColumn("district_id");

        Create.Table("cases_referral")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("person_id").AsGuid().NotNullable().ForeignKey("fk_cases_referral_person", "cases_person", "id")
            .WithColumn("service_id").AsGuid().NotNullable().ForeignKey("fk_cases_referral_service", "cases_service", "id")
            .WithColumn("status").AsAnsiString(16).NotNullable()
            .WithColumn("reason").AsString(500).NotNullable()
            .WithColumn("code_hash").AsAnsiString(64).Nullable()
            .WithColumn("code_expires_at").AsDateTimeOffset().Nullable()
            .WithColumn("sent_at").AsDateTimeOffset().Nullable()
            .WithColumn("escalated_at").AsDateTimeOffset().Nullable()
            .WithRegionAncestry()
            .WithColumn("content_hash").AsAnsiString(64).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_referral_person").OnTable("cases_referral").OnColumn("person_id");
        Create.Index("ix_cases_referral_status").OnTable("cases_referral").OnColumn("status");
        Create.Index("ix_cases_referral_district").OnTable("cases_referral").OnColumn("district_id");
        // A partial index: unsent referrals have no code, and SQL Server's plain unique index would allow only one NULL.
        Execute.Sql("CREATE UNIQUE INDEX ux_cases_referral_code ON cases_referral (code_hash) WHERE code_hash IS NOT NULL");

        Create.Table("cases_referral_event")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("referral_id").AsGuid().NotNullable().ForeignKey("fk_cases_referral_event_referral", "cases_referral", "id")
            .WithColumn("from_status").AsAnsiString(16).Nullable()
            .WithColumn("to_status").AsAnsiString(16).NotNullable()
            .WithColumn("actor").AsAnsiString(40).NotNullable()
            .WithColumn("note").AsString(500).Nullable()
            .WithColumn("at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_referral_event_referral").OnTable("cases_referral_event").OnColumn("referral_id");
    }

    public override void Down()
    {
        Delete.Table("cases_referral_event");
        Delete.Table("cases_referral");
        Delete.Table("cases_service");
    }
}
