using FluentMigrator;

namespace Outreach.Db.Cases;

/// <summary>
/// The scope filter ORs one condition per region level; with every level indexed, PostgreSQL (bitmap OR) and SQLite
/// (multi-index OR) read only the caller's people instead of the whole table.
/// </summary>
[Migration(2026_12_01_0003, "Index people by state and country as well")]
public sealed class M0011_IndexPersonAncestry : Migration
{
    public override void Up()
    {
        Create.Index("ix_cases_person_state").OnTable("cases_person").OnColumn("state_id");
        Create.Index("ix_cases_person_country").OnTable("cases_person").OnColumn("country_id");
    }

    public override void Down()
    {
        Delete.Index("ix_cases_person_state").OnTable("cases_person");
        Delete.Index("ix_cases_person_country").OnTable("cases_person");
    }
}
