using FluentMigrator;

namespace Outreach.Db.Surveys;

[Migration(2026_12_01_0150, "Kobo/ODK imports: the uploaded file's progress and checkpoint, its row errors, and the column mapping remembered per survey")]
public sealed class M0150_CreateImports : Migration
{
    public override void Up()
    {
        Create.Table("surveys_import")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("template_id").AsGuid().NotNullable().ForeignKey("fk_surveys_import_template", "surveys_template", "id")
            .WithColumn("template_version").AsInt32().NotNullable()
            .WithColumn("campaign_id").AsGuid().Nullable()
            .WithColumn("file_name").AsString(260).NotNullable()
            .WithColumn("size_bytes").AsInt64().NotNullable()
            .WithColumn("delimiter").AsAnsiString(1).NotNullable()
            .WithColumn("headers").AsString(int.MaxValue).NotNullable()
            .WithColumn("mapping").AsString(int.MaxValue).NotNullable()
            .WithColumn("status").AsAnsiString(16).NotNullable()
            .WithColumn("failure").AsString(2000).Nullable()
            .WithColumn("checkpoint_offset").AsInt64().NotNullable()
            .WithColumn("checkpoint_line").AsInt64().NotNullable()
            .WithColumn("rows_read").AsInt64().NotNullable()
            .WithColumn("imported").AsInt64().NotNullable()
            .WithColumn("unchanged").AsInt64().NotNullable()
            .WithColumn("conflicts").AsInt64().NotNullable()
            .WithColumn("failed").AsInt64().NotNullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_role").AsAnsiString(32).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("started_at").AsDateTimeOffset().Nullable()
            .WithColumn("finished_at").AsDateTimeOffset().Nullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_surveys_import_status").OnTable("surveys_import").OnColumn("status");

        Create.Table("surveys_import_error")
            .WithColumn("import_id").AsGuid().NotNullable().PrimaryKey().ForeignKey("fk_surveys_import_error_import", "surveys_import", "id")
            .WithColumn("line").AsInt64().NotNullable().PrimaryKey()
            .WithColumn("seq").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("submission").AsString(200).Nullable()
            .WithColumn("column_name").AsString(500).Nullable()
            .WithColumn("message").AsString(1000).NotNullable();

        Create.Table("surveys_import_mapping")
            .WithColumn("template_id").AsGuid().PrimaryKey().ForeignKey("fk_surveys_import_mapping_template", "surveys_template", "id")
            .WithColumn("mapping").AsString(int.MaxValue).NotNullable()
            .WithColumn("updated_by").AsGuid().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("surveys_import_mapping");
        Delete.Table("surveys_import_error");
        Delete.Table("surveys_import");
    }
}
