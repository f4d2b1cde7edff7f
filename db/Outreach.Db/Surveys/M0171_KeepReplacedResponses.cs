using FluentMigrator;

namespace Outreach.Db.Surveys;

/// <summary>
/// When a coordinator settles a conflict by taking the later version, the version it replaces is kept on the conflict
/// (in the same canonical form as the submitted one), so the history of what a worker recorded is never lost.
/// </summary>
[Migration(2026_12_01_0171, "A settled sync conflict keeps the response version it replaced")]
public sealed class M0171_KeepReplacedResponses : Migration
{
    public override void Up() => Alter.Table("surveys_sync_conflict").AddColumn("replaced").AsString(int.MaxValue).Nullable();

    public override void Down() => Delete.Column("replaced").FromTable("surveys_sync_conflict");
}
