using FluentMigrator;

namespace Outreach.Db.Surveys;

[Migration(2026_12_01_0102, "Service gaps per village and category, their history, and the visits that observed them")]
public sealed class M0102_CreateGaps : Migration
{
    public override void Up()
    {
        Create.Table("surveys_gap")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("category").AsAnsiString(40).NotNullable()
            .WithRegionAncestry()
            .WithColumn("state").AsAnsiString(16).NotNullable()
            .WithColumn("origin").AsAnsiString(16).NotNullable()
            .WithColumn("description").AsString(1000).Nullable()
            .WithColumn("owner_id").AsGuid().Nullable()
            .WithColumn("due_on").AsDate().Nullable()
            .WithColumn("reported_by").AsGuid().NotNullable()
            .WithColumn("reported_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        // A village has one gap per category; a resolved gap that comes back is reopened, keeping its history.
        Create.Index("ux_surveys_gap_village_category").OnTable("surveys_gap")
            .OnColumn("village_id").Ascending().OnColumn("category").Ascending().WithOptions().Unique();
        Create.Index("ix_surveys_gap_district").OnTable("surveys_gap").OnColumn("district_id");

        Create.Table("surveys_gap_history")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("gap_id").AsGuid().NotNullable().ForeignKey("fk_surveys_gap_history_gap", "surveys_gap", "id")
            .WithColumn("from_state").AsAnsiString(16).Nullable()
            .WithColumn("to_state").AsAnsiString(16).NotNullable()
            .WithColumn("note").AsString(1000).Nullable()
            .WithColumn("changed_by").AsGuid().NotNullable()
            .WithColumn("changed_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_surveys_gap_history_gap").OnTable("surveys_gap_history").OnColumn("gap_id");

        // Visits come from Cases' VisitRecorded notification: only the village, the date and the categories, no person.
        Create.Table("surveys_visit_evidence")
            .WithColumn("visit_id").AsGuid().NotNullable().PrimaryKey()
            .WithColumn("category").AsAnsiString(40).NotNullable().PrimaryKey()
            .WithColumn("village_id").AsGuid().NotNullable()
            .WithColumn("visited_on").AsDate().NotNullable();
        Create.Index("ix_surveys_visit_evidence_village").OnTable("surveys_visit_evidence")
            .OnColumn("village_id").Ascending().OnColumn("category").Ascending();
    }

    public override void Down()
    {
        Delete.Table("surveys_visit_evidence");
        Delete.Table("surveys_gap_history");
        Delete.Table("surveys_gap");
    }
}
