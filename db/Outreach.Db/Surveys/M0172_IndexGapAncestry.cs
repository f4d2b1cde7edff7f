using FluentMigrator;

namespace Outreach.Db.Surveys;

/// <summary>
/// The gap list's scope filter ORs one condition per region level; only village and district were indexed, so a
/// bitmap OR (PostgreSQL) or multi-index OR (SQLite) was impossible and every gap in the country was read.
/// </summary>
[Migration(2026_12_06_0013, "Index gaps by block, state and country as well")]
public sealed class M0172_IndexGapAncestry : Migration
{
    public override void Up()
    {
        Create.Index("ix_surveys_gap_block").OnTable("surveys_gap").OnColumn("block_id");
        Create.Index("ix_surveys_gap_state").OnTable("surveys_gap").OnColumn("state_id");
        Create.Index("ix_surveys_gap_country").OnTable("surveys_gap").OnColumn("country_id");
    }

    public override void Down()
    {
        Delete.Index("ix_surveys_gap_block").OnTable("surveys_gap");
        Delete.Index("ix_surveys_gap_state").OnTable("surveys_gap");
        Delete.Index("ix_surveys_gap_country").OnTable("surveys_gap");
    }
}
