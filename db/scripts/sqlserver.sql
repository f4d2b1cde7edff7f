CREATE TABLE [dbo].[shared_audit_log] ([id] UNIQUEIDENTIFIER NOT NULL, [occurred_at] DATETIMEOFFSET NOT NULL, [user_id] UNIQUEIDENTIFIER, [user_role] NVARCHAR(32), [action] NVARCHAR(100) NOT NULL, [entity] NVARCHAR(64) NOT NULL, [entity_id] UNIQUEIDENTIFIER, [outcome] NVARCHAR(16) NOT NULL, [client_address] NVARCHAR(64), [detail] NVARCHAR(500), CONSTRAINT [PK_shared_audit_log] PRIMARY KEY ([id]));
GO

CREATE INDEX [ix_shared_audit_log_occurred_at] ON [dbo].[shared_audit_log] ([occurred_at] ASC);
GO

CREATE INDEX [ix_shared_audit_log_user] ON [dbo].[shared_audit_log] ([user_id] ASC);
GO

CREATE INDEX [ix_shared_audit_log_entity] ON [dbo].[shared_audit_log] ([entity_id] ASC);
GO

CREATE TRIGGER shared_audit_log_append_only ON shared_audit_log INSTEAD OF UPDATE, DELETE AS
BEGIN THROW 51000, 'the audit log is append-only', 1; END;
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230001, GETUTCDATE(), N'Append-only audit log of personal-data access and denials');
GO

CREATE TABLE [dbo].[org_region] ([id] UNIQUEIDENTIFIER NOT NULL, [parent_id] UNIQUEIDENTIFIER, [level] SMALLINT NOT NULL, [name] NVARCHAR(120) NOT NULL, [local_name] NVARCHAR(120), [path] VARCHAR(200) NOT NULL, [version] INT NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_org_region] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[org_region] ADD CONSTRAINT [fk_org_region_parent] FOREIGN KEY ([parent_id]) REFERENCES [dbo].[org_region] ([id]);
GO

CREATE UNIQUE INDEX [ux_org_region_sibling_name] ON [dbo].[org_region] ([parent_id] ASC, [name] ASC);
GO

CREATE UNIQUE INDEX [ux_org_region_path] ON [dbo].[org_region] ([path] ASC);
GO

CREATE INDEX [ix_org_region_level_name] ON [dbo].[org_region] ([level] ASC, [name] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230002, GETUTCDATE(), N'Region tree: country, state, district, block, village, as a materialized path');
GO

CREATE TABLE [dbo].[org_user] ([id] UNIQUEIDENTIFIER NOT NULL, [username] NVARCHAR(64) NOT NULL, [normalized_username] NVARCHAR(64) NOT NULL, [display_name] NVARCHAR(120) NOT NULL, [role] VARCHAR(32) NOT NULL, [password_hash] VARCHAR(200) NOT NULL, [is_active] BIT NOT NULL, [failed_sign_ins] INT NOT NULL, [locked_until] DATETIMEOFFSET, [version] INT NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_org_user] PRIMARY KEY ([id]));
GO

CREATE UNIQUE INDEX [ux_org_user_normalized_username] ON [dbo].[org_user] ([normalized_username] ASC);
GO

CREATE TABLE [dbo].[org_user_region] ([user_id] UNIQUEIDENTIFIER NOT NULL, [region_id] UNIQUEIDENTIFIER NOT NULL, [assigned_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [pk_org_user_region] PRIMARY KEY ([user_id], [region_id]));
GO

ALTER TABLE [dbo].[org_user_region] ADD CONSTRAINT [fk_org_user_region_user] FOREIGN KEY ([user_id]) REFERENCES [dbo].[org_user] ([id]);
GO

ALTER TABLE [dbo].[org_user_region] ADD CONSTRAINT [fk_org_user_region_region] FOREIGN KEY ([region_id]) REFERENCES [dbo].[org_region] ([id]);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230003, GETUTCDATE(), N'Users, their role, and the regions they are assigned to');
GO

CREATE TABLE [dbo].[org_api_token] ([id] UNIQUEIDENTIFIER NOT NULL, [user_id] UNIQUEIDENTIFIER NOT NULL, [name] NVARCHAR(120) NOT NULL, [token_hash] VARCHAR(64) NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [expires_at] DATETIMEOFFSET NOT NULL, [revoked_at] DATETIMEOFFSET, CONSTRAINT [PK_org_api_token] PRIMARY KEY ([id]));
GO

CREATE INDEX [ix_org_api_token_user] ON [dbo].[org_api_token] ([user_id] ASC);
GO

ALTER TABLE [dbo].[org_api_token] ADD CONSTRAINT [fk_org_api_token_user] FOREIGN KEY ([user_id]) REFERENCES [dbo].[org_user] ([id]);
GO

CREATE UNIQUE INDEX [ux_org_api_token_hash] ON [dbo].[org_api_token] ([token_hash] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230004, GETUTCDATE(), N'Bearer tokens for the API; only a SHA-256 of each token is stored');
