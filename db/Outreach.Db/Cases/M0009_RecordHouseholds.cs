using FluentMigrator;

namespace Outreach.Db.Cases;

[Migration(2026_12_01_0001, "Households recorded from the field: a replayable client id, and how each member is related")]
public sealed class M0009_RecordHouseholds : Migration
{
    public override void Up()
    {
        Alter.Table("cases_household").AddColumn("content_hash").AsAnsiString(64).Nullable();
        Alter.Table("cases_person").AddColumn("household_relationship").AsAnsiString(16).Nullable();
        Create.Index("ix_cases_person_household").OnTable("cases_person").OnColumn("household_id");
    }

    public override void Down()
    {
        Delete.Index("ix_cases_person_household").OnTable("cases_person");
        Delete.Column("household_relationship").FromTable("cases_person");
        Delete.Column("content_hash").FromTable("cases_household");
    }
}
