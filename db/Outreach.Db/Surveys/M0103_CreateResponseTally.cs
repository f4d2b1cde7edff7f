using FluentMigrator;

namespace Outreach.Db.Surveys;

[Migration(2026_12_01_0103, "Responses counted per village, campaign and month, so dashboards never scan every response")]
public sealed class M0103_CreateResponseTally : Migration
{
    public override void Up()
    {
        Create.Table("surveys_response_tally")
            .WithColumn("village_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("campaign_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("month").AsAnsiString(7).NotNullable().PrimaryKey()
            .WithColumn("block_id").AsGuid().NotNullable()
            .WithColumn("district_id").AsGuid().NotNullable()
            .WithColumn("state_id").AsGuid().NotNullable()
            .WithColumn("country_id").AsGuid().NotNullable()
            .WithColumn("responses").AsInt32().NotNullable();
        Create.Index("ix_surveys_response_tally_district").OnTable("surveys_response_tally").OnColumn("district_id");
        Create.Index("ix_surveys_response_village").OnTable("surveys_response").OnColumn("village_id");

        // The same without months: one row per village and campaign, for totals and villages covered.
        Create.Table("surveys_campaign_tally")
            .WithColumn("village_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("campaign_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("block_id").AsGuid().NotNullable()
            .WithColumn("district_id").AsGuid().NotNullable()
            .WithColumn("state_id").AsGuid().NotNullable()
            .WithColumn("country_id").AsGuid().NotNullable()
            .WithColumn("responses").AsInt32().NotNullable();

        // Per district and month: time series for callers whose regions are districts or larger read a few hundred rows.
        Create.Table("surveys_district_tally")
            .WithColumn("district_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("campaign_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("month").AsAnsiString(7).NotNullable().PrimaryKey()
            .WithColumn("state_id").AsGuid().NotNullable()
            .WithColumn("country_id").AsGuid().NotNullable()
            .WithColumn("responses").AsInt32().NotNullable();
    }

    public override void Down()
    {
        Delete.Index("ix_surveys_response_village").OnTable("surveys_response");
        Delete.Table("surveys_district_tally");
        Delete.Table("surveys_campaign_tally");
        Delete.Table("surveys_response_tally");
    }
}
