using FluentMigrator;

namespace Outreach.Db.Organization;

/// <summary>
/// Each region stores the ids of its country, state, district and block (its own id at its own level), so a scope
/// filter is indexed equality per level instead of a path prefix match over the whole tree (ADR 0016). Existing rows
/// are filled level by level from their parent, which every provider can do without parsing the path. An assignment
/// carries the same ids of its region, so the users inside a scope are found without joining the tree.
/// </summary>
[Migration(2026_12_06_0012, "Regions and user assignments store their ancestry ids, indexed")]
public sealed class M0012_StoreRegionAncestry : Migration
{
    private static readonly string[] AncestryColumns = ["country_id", "state_id", "district_id", "block_id"];

    public override void Up()
    {
        foreach (var column in AncestryColumns)
        {
            Alter.Table("org_region").AddColumn(column).AsGuid().Nullable();
        }

        Execute.Sql("UPDATE org_region SET country_id = id WHERE level = 1");
        for (var level = 2; level <= 5; level++)
        {
            var fromParent = string.Join(", ", AncestryColumns.Select(c =>
                $"{c} = (SELECT p.{c} FROM org_region p WHERE p.id = org_region.parent_id)"));
            Execute.Sql($"UPDATE org_region SET {fromParent} WHERE level = {level}");
            if (level <= AncestryColumns.Length)
            {
                Execute.Sql($"UPDATE org_region SET {AncestryColumns[level - 1]} = id WHERE level = {level}");
            }
        }

        foreach (var column in AncestryColumns)
        {
            Create.Index($"ix_org_region_{column}_level").OnTable("org_region")
                .OnColumn(column).Ascending()
                .OnColumn("level").Ascending();
        }
        // Nothing matches a path prefix or reads villages by level alone any more; the latter lured SQLite's planner,
        // which has no statistics, into reading every village of the country to save a sort of the caller's few.
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("DROP INDEX ix_org_region_path_prefix");
        Delete.Index("ix_org_region_level_name").OnTable("org_region");

        foreach (var column in AncestryColumns)
        {
            Alter.Table("org_user_region").AddColumn(column).AsGuid().Nullable();
        }
        var fromRegion = string.Join(", ", AncestryColumns.Select(c =>
            $"{c} = (SELECT r.{c} FROM org_region r WHERE r.id = org_user_region.region_id)"));
        Execute.Sql($"UPDATE org_user_region SET {fromRegion}");
        foreach (var column in AncestryColumns)
        {
            Create.Index($"ix_org_user_region_{column}").OnTable("org_user_region").OnColumn(column).Ascending();
        }
        Create.Index("ix_org_user_region_region").OnTable("org_user_region")
            .OnColumn("region_id").Ascending()
            .OnColumn("user_id").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_org_user_region_region").OnTable("org_user_region");
        foreach (var column in AncestryColumns)
        {
            Delete.Index($"ix_org_user_region_{column}").OnTable("org_user_region");
            Delete.Column(column).FromTable("org_user_region");
        }
        Create.Index("ix_org_region_level_name").OnTable("org_region").OnColumn("level").Ascending().OnColumn("name").Ascending();
        IfDatabase(ProcessorIds.Postgres).Execute.Sql("CREATE INDEX ix_org_region_path_prefix ON org_region (path text_pattern_ops)");
        foreach (var column in AncestryColumns)
        {
            Delete.Index($"ix_org_region_{column}_level").OnTable("org_region");
            Delete.Column(column).FromTable("org_region");
        }
    }
}
