using FluentMigrator;

namespace Outreach.Db.Cases;

/// <summary>
/// A spelling-tolerant key of each person's name, computed in C# when the name is written. Rows written before this
/// migration have no key yet; the host fills them at start-up (RefreshPersonSearchKeys), on every provider alike.
/// </summary>
[Migration(2026_12_01_0002, "People searchable by how their name sounds, in English or Hindi spelling")]
public sealed class M0010_AddPersonSearchKey : Migration
{
    public override void Up()
    {
        Alter.Table("cases_person").AddColumn("search_key").AsAnsiString(250).Nullable();
        Create.Index("ix_cases_person_search_key").OnTable("cases_person").OnColumn("search_key");
    }

    public override void Down()
    {
        Delete.Index("ix_cases_person_search_key").OnTable("cases_person");
        Delete.Column("search_key").FromTable("cases_person");
    }
}
