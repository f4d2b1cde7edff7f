using FluentMigrator.Builders.Create.Table;

namespace Outreach.Db;

public static class RegionColumns
{
    /// <summary>
    /// The village a row belongs to and its ancestors, copied from the region path at write time, so every module can
    /// filter by the caller's scope with indexed equality instead of reading Organization's tables.
    /// </summary>
    public static ICreateTableColumnOptionOrWithColumnSyntax WithRegionAncestry(this ICreateTableWithColumnSyntax table) =>
        table.WithColumn("village_id").AsGuid().NotNullable()
            .WithColumn("block_id").AsGuid().NotNullable()
            .WithColumn("district_id").AsGuid().NotNullable()
            .WithColumn("state_id").AsGuid().NotNullable()
            .WithColumn("country_id").AsGuid().NotNullable()
            .WithColumn("region_path").AsAnsiString(200).NotNullable();
}
