using FluentMigrator;

namespace Outreach.Db.Organization;

[Migration(2026_11_23_0002, "Region tree: country, state, district, block, village, as a materialized path")]
public sealed class M0002_CreateRegions : Migration
{
    public override void Up()
    {
        Create.Table("org_region")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("parent_id").AsGuid().Nullable().ForeignKey("fk_org_region_parent", "org_region", "id")
            .WithColumn("level").AsInt16().NotNullable()
            .WithColumn("name").AsString(120).NotNullable()
            .WithColumn("local_name").AsString(120).Nullable()
            .WithColumn("path").AsAnsiString(200).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();

        Create.Index("ux_org_region_sibling_name").OnTable("org_region")
            .OnColumn("parent_id").Ascending()
            .OnColumn("name").Ascending()
            .WithOptions().Unique();
        Create.Index("ux_org_region_path").OnTable("org_region").OnColumn("path").Ascending().WithOptions().Unique();
        Create.Index("ix_org_region_level_name").OnTable("org_region")
            .OnColumn("level").Ascending()
            .OnColumn("name").Ascending();

        // PostgreSQL's default collation cannot serve LIKE 'prefix%' from a plain index.
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("CREATE INDEX ix_org_region_path_prefix ON org_region (path text_pattern_ops)");
    }

    public override void Down() => Delete.Table("org_region");
}
