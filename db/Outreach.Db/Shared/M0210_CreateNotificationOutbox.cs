using FluentMigrator;

namespace Outreach.Db.Shared;

/// <summary>
/// Notifications raised by a command, written in its transaction, and one delivery per subscriber, so a fact that
/// committed reaches every handler even when a handler fails or the process stops before delivering it (ADR 0015).
/// </summary>
[Migration(2026_12_06_0210, "Notifications raised by committed commands and their delivery to each subscriber")]
public sealed class M0210_CreateNotificationOutbox : Migration
{
    public override void Up()
    {
        Create.Table("shared_notification")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("type").AsString(200).NotNullable()
            .WithColumn("payload").AsString(int.MaxValue).NotNullable()
            .WithColumn("raised_at").AsDateTimeOffset().NotNullable().Indexed("ix_shared_notification_raised_at");

        Create.Table("shared_notification_delivery")
            .WithColumn("notification_id").AsGuid().NotNullable().PrimaryKey()
                .ForeignKey("fk_shared_notification_delivery_notification", "shared_notification", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("subscriber").AsString(200).NotNullable().PrimaryKey()
            .WithColumn("attempts").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("next_attempt_at").AsDateTimeOffset().NotNullable()
            .WithColumn("locked_by").AsString(100).Nullable()
            .WithColumn("locked_until").AsDateTimeOffset().Nullable()
            .WithColumn("delivered_at").AsDateTimeOffset().Nullable()
            .WithColumn("failed_at").AsDateTimeOffset().Nullable()
            .WithColumn("last_error").AsString(1000).Nullable();

        Create.Index("ix_shared_notification_delivery_due").OnTable("shared_notification_delivery")
            .OnColumn("delivered_at").Ascending()
            .OnColumn("failed_at").Ascending()
            .OnColumn("next_attempt_at").Ascending();
    }

    public override void Down()
    {
        Delete.Table("shared_notification_delivery");
        Delete.Table("shared_notification");
    }
}
