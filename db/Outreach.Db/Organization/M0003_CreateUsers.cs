using FluentMigrator;

namespace Outreach.Db.Organization;

[Migration(2026_11_23_0003, "Users, their role, and the regions they are assigned to")]
public sealed class M0003_CreateUsers : Migration
{
    public override void Up()
    {
        Create.Table("org_user")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("username").AsString(64).NotNullable()
            .WithColumn("normalized_username").AsString(64).NotNullable()
            .WithColumn("display_name").AsString(120).NotNullable()
            .WithColumn("role").AsAnsiString(32).NotNullable()
            .WithColumn("password_hash").AsAnsiString(200).NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("failed_sign_ins").AsInt32().NotNullable()
            .WithColumn("locked_until").AsDateTimeOffset().Nullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();

        Create.Index("ux_org_user_normalized_username").OnTable("org_user").OnColumn("normalized_username").Ascending().WithOptions().Unique();

        Create.Table("org_user_region")
            .WithColumn("user_id").AsGuid().NotNullable().PrimaryKey("pk_org_user_region")
                .ForeignKey("fk_org_user_region_user", "org_user", "id")
            .WithColumn("region_id").AsGuid().NotNullable().PrimaryKey("pk_org_user_region")
                .ForeignKey("fk_org_user_region_region", "org_region", "id")
            .WithColumn("assigned_at").AsDateTimeOffset().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("org_user_region");
        Delete.Table("org_user");
    }
}
