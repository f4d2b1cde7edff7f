using FluentMigrator;

namespace Outreach.Db.Surveys;

/// <summary>
/// An import belongs to the region its uploader worked in (the narrowest region holding all their assignments), so an
/// admin of one district cannot read, download or start an import uploaded in another. Imports uploaded before this
/// have no region and stay visible to their uploader only.
/// </summary>
[Migration(2026_12_06_0180, "Imports store the region they were uploaded in")]
public sealed class M0180_ScopeImportsByRegion : Migration
{
    public override void Up() =>
        Alter.Table("surveys_import")
            .AddColumn("country_id").AsGuid().Nullable()
            .AddColumn("state_id").AsGuid().Nullable()
            .AddColumn("district_id").AsGuid().Nullable()
            .AddColumn("block_id").AsGuid().Nullable()
            .AddColumn("village_id").AsGuid().Nullable()
            .AddColumn("region_path").AsAnsiString(200).Nullable();

    public override void Down()
    {
        Delete.Column("region_path").FromTable("surveys_import");
        Delete.Column("village_id").FromTable("surveys_import");
        Delete.Column("block_id").FromTable("surveys_import");
        Delete.Column("district_id").FromTable("surveys_import");
        Delete.Column("state_id").FromTable("surveys_import");
        Delete.Column("country_id").FromTable("surveys_import");
    }
}
