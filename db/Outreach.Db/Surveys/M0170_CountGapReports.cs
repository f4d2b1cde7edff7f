using FluentMigrator;

namespace Outreach.Db.Surveys;

/// <summary>
/// The gaps a response reports move from a row per report to a column on the response, counted per village and category
/// in a tally like the response tallies. Dashboards and the hourly gap rule read a few hundred tally rows instead of
/// every report; an import writes one row per response instead of two or three. Evidence lists read the village's
/// responses through its index.
/// </summary>
[Migration(2026_12_01_0170, "Gap reports are a column on the response, counted per village and category")]
public sealed class M0170_CountGapReports : Migration
{
    public override void Up()
    {
        // '|'-delimited with a leading and trailing '|' ("|clinic|counselling|"), so one category matches LIKE '%|clinic|%'.
        Alter.Table("surveys_response").AddColumn("gap_categories").AsAnsiString(400).Nullable();
        Create.Table("surveys_gap_tally")
            .WithColumn("village_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("category").AsAnsiString(40).NotNullable().PrimaryKey()
            .WithColumn("region_path").AsAnsiString(200).NotNullable()
            .WithColumn("responses").AsInt32().NotNullable();

        Execute.Sql("""
            INSERT INTO surveys_gap_tally (village_id, category, region_path, responses)
            SELECT e.village_id, e.category, MIN(r.region_path), COUNT(*)
            FROM surveys_response_gap e JOIN surveys_response r ON r.id = e.response_id
            GROUP BY e.village_id, e.category
            """);
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("""
            UPDATE surveys_response r SET gap_categories = g.list
            FROM (SELECT response_id, '|' || string_agg(category, '|' ORDER BY category) || '|' AS list FROM surveys_response_gap GROUP BY response_id) g
            WHERE g.response_id = r.id
            """);
        IfDatabase(ProcessorIds.SqlServer).Execute.Sql("""
            UPDATE r SET gap_categories = '|' + g.list + '|'
            FROM surveys_response r
            JOIN (SELECT response_id, STRING_AGG(category, '|') WITHIN GROUP (ORDER BY category) AS list FROM surveys_response_gap GROUP BY response_id) g ON g.response_id = r.id
            """);
        IfDatabase(ProcessorIds.SQLite).Execute.Sql("""
            UPDATE surveys_response SET gap_categories =
                (SELECT '|' || group_concat(category, '|') || '|' FROM (SELECT category FROM surveys_response_gap e WHERE e.response_id = surveys_response.id ORDER BY category))
            WHERE id IN (SELECT response_id FROM surveys_response_gap)
            """);
        Delete.Table("surveys_response_gap");
    }

    // The per-report rows come back empty: a downgrade keeps responses and gaps, but evidence counts start again from zero.
    public override void Down()
    {
        Create.Table("surveys_response_gap")
            .WithColumn("response_id").AsGuid().NotNullable().PrimaryKey()
                .ForeignKey("fk_surveys_response_gap_response", "surveys_response", "id")
            .WithColumn("category").AsAnsiString(40).NotNullable().PrimaryKey()
            .WithColumn("village_id").AsGuid().NotNullable()
            .WithColumn("collected_on").AsDate().NotNullable();
        Create.Index("ix_surveys_response_gap_village").OnTable("surveys_response_gap")
            .OnColumn("village_id").Ascending().OnColumn("category").Ascending();
        Delete.Table("surveys_gap_tally");
        Delete.Column("gap_categories").FromTable("surveys_response");
    }
}
