using FluentMigrator;

namespace Outreach.Db.Organization;

[Migration(2026_11_23_0004, "Bearer tokens for the API; only a SHA-256 of each token is stored")]
public sealed class M0004_CreateApiTokens : Migration
{
    public override void Up()
    {
        Create.Table("org_api_token")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("user_id").AsGuid().NotNullable().Indexed("ix_org_api_token_user")
                .ForeignKey("fk_org_api_token_user", "org_user", "id")
            .WithColumn("name").AsString(120).NotNullable()
            .WithColumn("token_hash").AsAnsiString(64).NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("expires_at").AsDateTimeOffset().NotNullable()
            .WithColumn("revoked_at").AsDateTimeOffset().Nullable();

        Create.Index("ux_org_api_token_hash").OnTable("org_api_token").OnColumn("token_hash").Ascending().WithOptions().Unique();
    }

    public override void Down() => Delete.Table("org_api_token");
}
