using FluentMigrator;

namespace Outreach.Db.Surveys;

[Migration(2026_12_01_0101, "Survey templates and their versions, campaigns, responses, sync conflicts")]
public sealed class M0101_CreateSurveys : Migration
{
    public override void Up()
    {
        Create.Table("surveys_template")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("description").AsString(1000).Nullable()
            .WithColumn("latest_version").AsInt32().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();

        Create.Table("surveys_template_version")
            .WithColumn("template_id").AsGuid().NotNullable().PrimaryKey()
                .ForeignKey("fk_surveys_template_version_template", "surveys_template", "id")
            .WithColumn("number").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("questions").AsString(int.MaxValue).NotNullable()
            .WithColumn("published_by").AsGuid().NotNullable()
            .WithColumn("published_at").AsDateTimeOffset().NotNullable();

        Create.Table("surveys_campaign")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("template_id").AsGuid().NotNullable().ForeignKey("fk_surveys_campaign_template", "surveys_template", "id")
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("starts_on").AsDate().NotNullable()
            .WithColumn("ends_on").AsDate().NotNullable()
            .WithColumn("target_per_village").AsInt32().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();

        Create.Table("surveys_campaign_region")
            .WithColumn("campaign_id").AsGuid().NotNullable().PrimaryKey()
                .ForeignKey("fk_surveys_campaign_region_campaign", "surveys_campaign", "id")
            .WithColumn("region_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("region_path").AsAnsiString(200).NotNullable();

        Create.Table("surveys_response")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("template_id").AsGuid().NotNullable().ForeignKey("fk_surveys_response_template", "surveys_template", "id")
            .WithColumn("template_version").AsInt32().NotNullable()
            .WithColumn("campaign_id").AsGuid().Nullable().ForeignKey("fk_surveys_response_campaign", "surveys_campaign", "id")
            .WithRegionAncestry()
            .WithColumn("collected_on").AsDate().NotNullable()
            .WithColumn("latitude").AsDecimal(9, 6).Nullable()
            .WithColumn("longitude").AsDecimal(9, 6).Nullable()
            .WithColumn("answers").AsString(int.MaxValue).NotNullable()
            .WithColumn("content_hash").AsAnsiString(64).NotNullable()
            .WithColumn("source").AsAnsiString(16).NotNullable()
            .WithColumn("import_id").AsGuid().Nullable()
            .WithColumn("submitted_by").AsGuid().NotNullable()
            .WithColumn("received_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_surveys_response_campaign_village").OnTable("surveys_response")
            .OnColumn("campaign_id").Ascending().OnColumn("village_id").Ascending();
        Create.Index("ix_surveys_response_district").OnTable("surveys_response").OnColumn("district_id");
        Create.Index("ix_surveys_response_import").OnTable("surveys_response").OnColumn("import_id");

        // One row per gap category a response reports, so counts by village and category never parse the answers.
        Create.Table("surveys_response_gap")
            .WithColumn("response_id").AsGuid().NotNullable().PrimaryKey()
                .ForeignKey("fk_surveys_response_gap_response", "surveys_response", "id")
            .WithColumn("category").AsAnsiString(40).NotNullable().PrimaryKey()
            .WithColumn("village_id").AsGuid().NotNullable()
            .WithColumn("collected_on").AsDate().NotNullable();
        Create.Index("ix_surveys_response_gap_village").OnTable("surveys_response_gap")
            .OnColumn("village_id").Ascending().OnColumn("category").Ascending();

        Create.Table("surveys_sync_conflict")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("response_id").AsGuid().NotNullable().ForeignKey("fk_surveys_sync_conflict_response", "surveys_response", "id")
            .WithColumn("submitted").AsString(int.MaxValue).NotNullable()
            .WithColumn("content_hash").AsAnsiString(64).NotNullable()
            .WithColumn("submitted_by").AsGuid().NotNullable()
            .WithColumn("received_at").AsDateTimeOffset().NotNullable()
            .WithColumn("status").AsAnsiString(16).NotNullable()
            .WithColumn("resolved_by").AsGuid().Nullable()
            .WithColumn("resolved_at").AsDateTimeOffset().Nullable();
        Create.Index("ux_surveys_sync_conflict_body").OnTable("surveys_sync_conflict")
            .OnColumn("response_id").Ascending().OnColumn("content_hash").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        Delete.Table("surveys_sync_conflict");
        Delete.Table("surveys_response_gap");
        Delete.Table("surveys_response");
        Delete.Table("surveys_campaign_region");
        Delete.Table("surveys_campaign");
        Delete.Table("surveys_template_version");
        Delete.Table("surveys_template");
    }
}
