using FluentMigrator;

namespace Outreach.Db.Cases;

[Migration(2026_11_23_0006, "Visits to people, with the service gaps they found, and follow-ups due")]
public sealed class M0006_CreateVisitsAndFollowUps : Migration
{
    public override void Up()
    {
        Create.Table("cases_visit")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("person_id").AsGuid().NotNullable().ForeignKey("fk_cases_visit_person", "cases_person", "id")
            .WithRegionAncestry()
            .WithColumn("visited_on").AsDate().NotNullable()
            .WithColumn("latitude").AsDecimal(9, 6).Nullable()
            .WithColumn("longitude").AsDecimal(9, 6).Nullable()
            .WithColumn("purpose").AsAnsiString(32).NotNullable()
            .WithColumn("notes").AsString(2000).Nullable()
            .WithColumn("health_notes").AsString(2000).Nullable()
            .WithColumn("gap_categories").AsAnsiString(400).Nullable()
            .WithColumn("content_hash").AsAnsiString(64).NotNullable()
            .WithColumn("recorded_by").AsGuid().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_visit_person").OnTable("cases_visit").OnColumn("person_id");
        Create.Index("ix_cases_visit_district").OnTable("cases_visit").OnColumn("district_id");

        Create.Table("cases_follow_up")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("person_id").AsGuid().NotNullable().ForeignKey("fk_cases_follow_up_person", "cases_person", "id")
            .WithColumn("due_on").AsDate().NotNullable()
            .WithColumn("note").AsString(500).NotNullable()
            .WithColumn("status").AsAnsiString(16).NotNullable()
            .WithColumn("assigned_worker_id").AsGuid().NotNullable()
            .WithColumn("completed_at").AsDateTimeOffset().Nullable()
            .WithColumn("overdue_notified_on").AsDate().Nullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable();
        Create.Index("ix_cases_follow_up_worker").OnTable("cases_follow_up")
            .OnColumn("assigned_worker_id").Ascending().OnColumn("status").Ascending().OnColumn("due_on").Ascending();
        Create.Index("ix_cases_follow_up_person").OnTable("cases_follow_up").OnColumn("person_id");
    }

    public override void Down()
    {
        Delete.Table("cases_follow_up");
        Delete.Table("cases_visit");
    }
}
