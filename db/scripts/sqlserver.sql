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
GO

CREATE TABLE [dbo].[cases_household] ([id] UNIQUEIDENTIFIER NOT NULL, [label] NVARCHAR(120) NOT NULL, [village_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, [version] INT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_household] PRIMARY KEY ([id]));
GO

CREATE INDEX [ix_cases_household_district] ON [dbo].[cases_household] ([district_id] ASC);
GO

CREATE TABLE [dbo].[cases_person] ([id] UNIQUEIDENTIFIER NOT NULL, [household_id] UNIQUEIDENTIFIER, [reference] VARCHAR(16) NOT NULL, [given_name] NVARCHAR(120), [family_name] NVARCHAR(120), [sex] VARCHAR(16), [birth_year] INT, [phone] VARCHAR(20), [risk_note] NVARCHAR(2000), [status] VARCHAR(16) NOT NULL, [village_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, [assigned_worker_id] UNIQUEIDENTIFIER NOT NULL, [content_hash] VARCHAR(64) NOT NULL, [version] INT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_person] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_person] ADD CONSTRAINT [fk_cases_person_household] FOREIGN KEY ([household_id]) REFERENCES [dbo].[cases_household] ([id]);
GO

CREATE UNIQUE INDEX [ux_cases_person_reference] ON [dbo].[cases_person] ([reference] ASC);
GO

CREATE INDEX [ix_cases_person_district] ON [dbo].[cases_person] ([district_id] ASC);
GO

CREATE INDEX [ix_cases_person_block] ON [dbo].[cases_person] ([block_id] ASC);
GO

CREATE INDEX [ix_cases_person_village] ON [dbo].[cases_person] ([village_id] ASC);
GO

CREATE INDEX [ix_cases_person_worker] ON [dbo].[cases_person] ([assigned_worker_id] ASC);
GO

CREATE TABLE [dbo].[cases_consent] ([id] UNIQUEIDENTIFIER NOT NULL, [person_id] UNIQUEIDENTIFIER NOT NULL, [purpose] VARCHAR(32) NOT NULL, [granted] BIT NOT NULL, [method] VARCHAR(16) NOT NULL, [expires_on] DATE, [recorded_by] UNIQUEIDENTIFIER NOT NULL, [recorded_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_consent] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_consent] ADD CONSTRAINT [fk_cases_consent_person] FOREIGN KEY ([person_id]) REFERENCES [dbo].[cases_person] ([id]);
GO

CREATE INDEX [ix_cases_consent_person] ON [dbo].[cases_consent] ([person_id] ASC, [purpose] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230005, GETUTCDATE(), N'People met in outreach, their households, and the consent ledger');
GO

CREATE TABLE [dbo].[cases_visit] ([id] UNIQUEIDENTIFIER NOT NULL, [person_id] UNIQUEIDENTIFIER NOT NULL, [village_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, [visited_on] DATE NOT NULL, [latitude] DECIMAL(9,6), [longitude] DECIMAL(9,6), [purpose] VARCHAR(32) NOT NULL, [notes] NVARCHAR(2000), [health_notes] NVARCHAR(2000), [gap_categories] VARCHAR(400), [content_hash] VARCHAR(64) NOT NULL, [recorded_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_visit] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_visit] ADD CONSTRAINT [fk_cases_visit_person] FOREIGN KEY ([person_id]) REFERENCES [dbo].[cases_person] ([id]);
GO

CREATE INDEX [ix_cases_visit_person] ON [dbo].[cases_visit] ([person_id] ASC);
GO

CREATE INDEX [ix_cases_visit_district] ON [dbo].[cases_visit] ([district_id] ASC);
GO

CREATE TABLE [dbo].[cases_follow_up] ([id] UNIQUEIDENTIFIER NOT NULL, [person_id] UNIQUEIDENTIFIER NOT NULL, [due_on] DATE NOT NULL, [note] NVARCHAR(500) NOT NULL, [status] VARCHAR(16) NOT NULL, [assigned_worker_id] UNIQUEIDENTIFIER NOT NULL, [completed_at] DATETIMEOFFSET, [overdue_notified_on] DATE, [version] INT NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_follow_up] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_follow_up] ADD CONSTRAINT [fk_cases_follow_up_person] FOREIGN KEY ([person_id]) REFERENCES [dbo].[cases_person] ([id]);
GO

CREATE INDEX [ix_cases_follow_up_worker] ON [dbo].[cases_follow_up] ([assigned_worker_id] ASC, [status] ASC, [due_on] ASC);
GO

CREATE INDEX [ix_cases_follow_up_person] ON [dbo].[cases_follow_up] ([person_id] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230006, GETUTCDATE(), N'Visits to people, with the service gaps they found, and follow-ups due');
GO

CREATE TABLE [dbo].[cases_service] ([id] UNIQUEIDENTIFIER NOT NULL, [name] NVARCHAR(200) NOT NULL, [category] VARCHAR(32) NOT NULL, [region_id] UNIQUEIDENTIFIER NOT NULL, [region_level] INT NOT NULL, [region_path] VARCHAR(200) NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER, [district_id] UNIQUEIDENTIFIER, [block_id] UNIQUEIDENTIFIER, [languages] VARCHAR(200), [contact] NVARCHAR(250) NOT NULL, [hours] NVARCHAR(250), [mode] VARCHAR(16) NOT NULL, [last_verified_on] DATE NOT NULL, [content_hash] VARCHAR(64) NOT NULL, [version] INT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_service] PRIMARY KEY ([id]));
GO

CREATE INDEX [ix_cases_service_region] ON [dbo].[cases_service] ([region_id] ASC);
GO

CREATE INDEX [ix_cases_service_state] ON [dbo].[cases_service] ([state_id] ASC);
GO

CREATE INDEX [ix_cases_service_district] ON [dbo].[cases_service] ([district_id] ASC);
GO

CREATE TABLE [dbo].[cases_referral] ([id] UNIQUEIDENTIFIER NOT NULL, [person_id] UNIQUEIDENTIFIER NOT NULL, [service_id] UNIQUEIDENTIFIER NOT NULL, [status] VARCHAR(16) NOT NULL, [reason] NVARCHAR(500) NOT NULL, [code_hash] VARCHAR(64), [code_expires_at] DATETIMEOFFSET, [sent_at] DATETIMEOFFSET, [escalated_at] DATETIMEOFFSET, [village_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, [content_hash] VARCHAR(64) NOT NULL, [version] INT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_referral] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_referral] ADD CONSTRAINT [fk_cases_referral_person] FOREIGN KEY ([person_id]) REFERENCES [dbo].[cases_person] ([id]);
GO

ALTER TABLE [dbo].[cases_referral] ADD CONSTRAINT [fk_cases_referral_service] FOREIGN KEY ([service_id]) REFERENCES [dbo].[cases_service] ([id]);
GO

CREATE INDEX [ix_cases_referral_person] ON [dbo].[cases_referral] ([person_id] ASC);
GO

CREATE INDEX [ix_cases_referral_status] ON [dbo].[cases_referral] ([status] ASC);
GO

CREATE INDEX [ix_cases_referral_district] ON [dbo].[cases_referral] ([district_id] ASC);
GO

CREATE UNIQUE INDEX ux_cases_referral_code ON cases_referral (code_hash) WHERE code_hash IS NOT NULL;
GO

CREATE TABLE [dbo].[cases_referral_event] ([id] UNIQUEIDENTIFIER NOT NULL, [referral_id] UNIQUEIDENTIFIER NOT NULL, [from_status] VARCHAR(16), [to_status] VARCHAR(16) NOT NULL, [actor] VARCHAR(40) NOT NULL, [note] NVARCHAR(500), [at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_referral_event] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_referral_event] ADD CONSTRAINT [fk_cases_referral_event_referral] FOREIGN KEY ([referral_id]) REFERENCES [dbo].[cases_referral] ([id]);
GO

CREATE INDEX [ix_cases_referral_event_referral] ON [dbo].[cases_referral_event] ([referral_id] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230007, GETUTCDATE(), N'Service directory and closed-loop referrals with their history');
GO

CREATE TABLE [dbo].[cases_access_grant] ([id] UNIQUEIDENTIFIER NOT NULL, [person_id] UNIQUEIDENTIFIER NOT NULL, [user_id] UNIQUEIDENTIFIER NOT NULL, [reason] NVARCHAR(500) NOT NULL, [granted_at] DATETIMEOFFSET NOT NULL, [expires_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_cases_access_grant] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[cases_access_grant] ADD CONSTRAINT [fk_cases_access_grant_person] FOREIGN KEY ([person_id]) REFERENCES [dbo].[cases_person] ([id]);
GO

CREATE INDEX [ix_cases_access_grant_person_user] ON [dbo].[cases_access_grant] ([person_id] ASC, [user_id] ASC);
GO

ALTER TABLE [dbo].[cases_person] ADD [merged_into_id] UNIQUEIDENTIFIER;
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202611230008, GETUTCDATE(), N'Time-limited break-glass access to a person''s sensitive notes, and people merged into another');
GO

ALTER TABLE [dbo].[cases_household] ADD [content_hash] VARCHAR(64);
GO

ALTER TABLE [dbo].[cases_person] ADD [household_relationship] VARCHAR(16);
GO

CREATE INDEX [ix_cases_person_household] ON [dbo].[cases_person] ([household_id] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010001, GETUTCDATE(), N'Households recorded from the field: a replayable client id, and how each member is related');
GO

ALTER TABLE [dbo].[cases_person] ADD [search_key] VARCHAR(250);
GO

CREATE INDEX [ix_cases_person_search_key] ON [dbo].[cases_person] ([search_key] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010002, GETUTCDATE(), N'People searchable by how their name sounds, in English or Hindi spelling');
GO

CREATE INDEX [ix_cases_person_state] ON [dbo].[cases_person] ([state_id] ASC);
GO

CREATE INDEX [ix_cases_person_country] ON [dbo].[cases_person] ([country_id] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010003, GETUTCDATE(), N'Index people by state and country as well');
GO

CREATE TABLE [dbo].[surveys_template] ([id] UNIQUEIDENTIFIER NOT NULL, [name] NVARCHAR(200) NOT NULL, [description] NVARCHAR(1000), [latest_version] INT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [version] INT NOT NULL, CONSTRAINT [PK_surveys_template] PRIMARY KEY ([id]));
GO

CREATE TABLE [dbo].[surveys_template_version] ([template_id] UNIQUEIDENTIFIER NOT NULL, [number] INT NOT NULL, [questions] NVARCHAR(MAX) NOT NULL, [published_by] UNIQUEIDENTIFIER NOT NULL, [published_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_surveys_template_version] PRIMARY KEY ([template_id], [number]));
GO

ALTER TABLE [dbo].[surveys_template_version] ADD CONSTRAINT [fk_surveys_template_version_template] FOREIGN KEY ([template_id]) REFERENCES [dbo].[surveys_template] ([id]);
GO

CREATE TABLE [dbo].[surveys_campaign] ([id] UNIQUEIDENTIFIER NOT NULL, [template_id] UNIQUEIDENTIFIER NOT NULL, [name] NVARCHAR(200) NOT NULL, [starts_on] DATE NOT NULL, [ends_on] DATE NOT NULL, [target_per_village] INT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_surveys_campaign] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[surveys_campaign] ADD CONSTRAINT [fk_surveys_campaign_template] FOREIGN KEY ([template_id]) REFERENCES [dbo].[surveys_template] ([id]);
GO

CREATE TABLE [dbo].[surveys_campaign_region] ([campaign_id] UNIQUEIDENTIFIER NOT NULL, [region_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, CONSTRAINT [PK_surveys_campaign_region] PRIMARY KEY ([campaign_id], [region_id]));
GO

ALTER TABLE [dbo].[surveys_campaign_region] ADD CONSTRAINT [fk_surveys_campaign_region_campaign] FOREIGN KEY ([campaign_id]) REFERENCES [dbo].[surveys_campaign] ([id]);
GO

CREATE TABLE [dbo].[surveys_response] ([id] UNIQUEIDENTIFIER NOT NULL, [template_id] UNIQUEIDENTIFIER NOT NULL, [template_version] INT NOT NULL, [campaign_id] UNIQUEIDENTIFIER, [village_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, [collected_on] DATE NOT NULL, [latitude] DECIMAL(9,6), [longitude] DECIMAL(9,6), [answers] NVARCHAR(MAX) NOT NULL, [content_hash] VARCHAR(64) NOT NULL, [source] VARCHAR(16) NOT NULL, [import_id] UNIQUEIDENTIFIER, [submitted_by] UNIQUEIDENTIFIER NOT NULL, [received_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_surveys_response] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[surveys_response] ADD CONSTRAINT [fk_surveys_response_template] FOREIGN KEY ([template_id]) REFERENCES [dbo].[surveys_template] ([id]);
GO

ALTER TABLE [dbo].[surveys_response] ADD CONSTRAINT [fk_surveys_response_campaign] FOREIGN KEY ([campaign_id]) REFERENCES [dbo].[surveys_campaign] ([id]);
GO

CREATE INDEX [ix_surveys_response_campaign_village] ON [dbo].[surveys_response] ([campaign_id] ASC, [village_id] ASC);
GO

CREATE INDEX [ix_surveys_response_district] ON [dbo].[surveys_response] ([district_id] ASC);
GO

CREATE INDEX [ix_surveys_response_import] ON [dbo].[surveys_response] ([import_id] ASC);
GO

CREATE TABLE [dbo].[surveys_response_gap] ([response_id] UNIQUEIDENTIFIER NOT NULL, [category] VARCHAR(40) NOT NULL, [village_id] UNIQUEIDENTIFIER NOT NULL, [collected_on] DATE NOT NULL, CONSTRAINT [PK_surveys_response_gap] PRIMARY KEY ([response_id], [category]));
GO

ALTER TABLE [dbo].[surveys_response_gap] ADD CONSTRAINT [fk_surveys_response_gap_response] FOREIGN KEY ([response_id]) REFERENCES [dbo].[surveys_response] ([id]);
GO

CREATE INDEX [ix_surveys_response_gap_village] ON [dbo].[surveys_response_gap] ([village_id] ASC, [category] ASC);
GO

CREATE TABLE [dbo].[surveys_sync_conflict] ([id] UNIQUEIDENTIFIER NOT NULL, [response_id] UNIQUEIDENTIFIER NOT NULL, [submitted] NVARCHAR(MAX) NOT NULL, [content_hash] VARCHAR(64) NOT NULL, [submitted_by] UNIQUEIDENTIFIER NOT NULL, [received_at] DATETIMEOFFSET NOT NULL, [status] VARCHAR(16) NOT NULL, [resolved_by] UNIQUEIDENTIFIER, [resolved_at] DATETIMEOFFSET, CONSTRAINT [PK_surveys_sync_conflict] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[surveys_sync_conflict] ADD CONSTRAINT [fk_surveys_sync_conflict_response] FOREIGN KEY ([response_id]) REFERENCES [dbo].[surveys_response] ([id]);
GO

CREATE UNIQUE INDEX [ux_surveys_sync_conflict_body] ON [dbo].[surveys_sync_conflict] ([response_id] ASC, [content_hash] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010101, GETUTCDATE(), N'Survey templates and their versions, campaigns, responses, sync conflicts');
GO

CREATE TABLE [dbo].[surveys_gap] ([id] UNIQUEIDENTIFIER NOT NULL, [category] VARCHAR(40) NOT NULL, [village_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [region_path] VARCHAR(200) NOT NULL, [state] VARCHAR(16) NOT NULL, [origin] VARCHAR(16) NOT NULL, [description] NVARCHAR(1000), [owner_id] UNIQUEIDENTIFIER, [due_on] DATE, [reported_by] UNIQUEIDENTIFIER NOT NULL, [reported_at] DATETIMEOFFSET NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, [version] INT NOT NULL, CONSTRAINT [PK_surveys_gap] PRIMARY KEY ([id]));
GO

CREATE UNIQUE INDEX [ux_surveys_gap_village_category] ON [dbo].[surveys_gap] ([village_id] ASC, [category] ASC);
GO

CREATE INDEX [ix_surveys_gap_district] ON [dbo].[surveys_gap] ([district_id] ASC);
GO

CREATE TABLE [dbo].[surveys_gap_history] ([id] UNIQUEIDENTIFIER NOT NULL, [gap_id] UNIQUEIDENTIFIER NOT NULL, [from_state] VARCHAR(16), [to_state] VARCHAR(16) NOT NULL, [note] NVARCHAR(1000), [changed_by] UNIQUEIDENTIFIER NOT NULL, [changed_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_surveys_gap_history] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[surveys_gap_history] ADD CONSTRAINT [fk_surveys_gap_history_gap] FOREIGN KEY ([gap_id]) REFERENCES [dbo].[surveys_gap] ([id]);
GO

CREATE INDEX [ix_surveys_gap_history_gap] ON [dbo].[surveys_gap_history] ([gap_id] ASC);
GO

CREATE TABLE [dbo].[surveys_visit_evidence] ([visit_id] UNIQUEIDENTIFIER NOT NULL, [category] VARCHAR(40) NOT NULL, [village_id] UNIQUEIDENTIFIER NOT NULL, [visited_on] DATE NOT NULL, CONSTRAINT [PK_surveys_visit_evidence] PRIMARY KEY ([visit_id], [category]));
GO

CREATE INDEX [ix_surveys_visit_evidence_village] ON [dbo].[surveys_visit_evidence] ([village_id] ASC, [category] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010102, GETUTCDATE(), N'Service gaps per village and category, their history, and the visits that observed them');
GO

CREATE TABLE [dbo].[surveys_response_tally] ([village_id] UNIQUEIDENTIFIER NOT NULL, [campaign_id] UNIQUEIDENTIFIER NOT NULL, [month] VARCHAR(7) NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [responses] INT NOT NULL, CONSTRAINT [PK_surveys_response_tally] PRIMARY KEY ([village_id], [campaign_id], [month]));
GO

CREATE INDEX [ix_surveys_response_tally_district] ON [dbo].[surveys_response_tally] ([district_id] ASC);
GO

CREATE INDEX [ix_surveys_response_village] ON [dbo].[surveys_response] ([village_id] ASC);
GO

CREATE TABLE [dbo].[surveys_campaign_tally] ([village_id] UNIQUEIDENTIFIER NOT NULL, [campaign_id] UNIQUEIDENTIFIER NOT NULL, [block_id] UNIQUEIDENTIFIER NOT NULL, [district_id] UNIQUEIDENTIFIER NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [responses] INT NOT NULL, CONSTRAINT [PK_surveys_campaign_tally] PRIMARY KEY ([village_id], [campaign_id]));
GO

CREATE TABLE [dbo].[surveys_district_tally] ([district_id] UNIQUEIDENTIFIER NOT NULL, [campaign_id] UNIQUEIDENTIFIER NOT NULL, [month] VARCHAR(7) NOT NULL, [state_id] UNIQUEIDENTIFIER NOT NULL, [country_id] UNIQUEIDENTIFIER NOT NULL, [responses] INT NOT NULL, CONSTRAINT [PK_surveys_district_tally] PRIMARY KEY ([district_id], [campaign_id], [month]));
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010103, GETUTCDATE(), N'Responses counted per village, campaign and month, so dashboards never scan every response');
GO

CREATE TABLE [dbo].[surveys_import] ([id] UNIQUEIDENTIFIER NOT NULL, [template_id] UNIQUEIDENTIFIER NOT NULL, [template_version] INT NOT NULL, [campaign_id] UNIQUEIDENTIFIER, [file_name] NVARCHAR(260) NOT NULL, [size_bytes] BIGINT NOT NULL, [delimiter] VARCHAR(1) NOT NULL, [headers] NVARCHAR(MAX) NOT NULL, [mapping] NVARCHAR(MAX) NOT NULL, [status] VARCHAR(16) NOT NULL, [failure] NVARCHAR(2000), [checkpoint_offset] BIGINT NOT NULL, [checkpoint_line] BIGINT NOT NULL, [rows_read] BIGINT NOT NULL, [imported] BIGINT NOT NULL, [unchanged] BIGINT NOT NULL, [conflicts] BIGINT NOT NULL, [failed] BIGINT NOT NULL, [created_by] UNIQUEIDENTIFIER NOT NULL, [created_role] VARCHAR(32) NOT NULL, [created_at] DATETIMEOFFSET NOT NULL, [started_at] DATETIMEOFFSET, [finished_at] DATETIMEOFFSET, [version] INT NOT NULL, CONSTRAINT [PK_surveys_import] PRIMARY KEY ([id]));
GO

ALTER TABLE [dbo].[surveys_import] ADD CONSTRAINT [fk_surveys_import_template] FOREIGN KEY ([template_id]) REFERENCES [dbo].[surveys_template] ([id]);
GO

CREATE INDEX [ix_surveys_import_status] ON [dbo].[surveys_import] ([status] ASC);
GO

CREATE TABLE [dbo].[surveys_import_error] ([import_id] UNIQUEIDENTIFIER NOT NULL, [line] BIGINT NOT NULL, [seq] INT NOT NULL, [submission] NVARCHAR(200), [column_name] NVARCHAR(500), [message] NVARCHAR(1000) NOT NULL, CONSTRAINT [PK_surveys_import_error] PRIMARY KEY ([import_id], [line], [seq]));
GO

ALTER TABLE [dbo].[surveys_import_error] ADD CONSTRAINT [fk_surveys_import_error_import] FOREIGN KEY ([import_id]) REFERENCES [dbo].[surveys_import] ([id]);
GO

CREATE TABLE [dbo].[surveys_import_mapping] ([template_id] UNIQUEIDENTIFIER NOT NULL, [mapping] NVARCHAR(MAX) NOT NULL, [updated_by] UNIQUEIDENTIFIER NOT NULL, [updated_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_surveys_import_mapping] PRIMARY KEY ([template_id]));
GO

ALTER TABLE [dbo].[surveys_import_mapping] ADD CONSTRAINT [fk_surveys_import_mapping_template] FOREIGN KEY ([template_id]) REFERENCES [dbo].[surveys_template] ([id]);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010150, GETUTCDATE(), N'Kobo/ODK imports: the uploaded file''s progress and checkpoint, its row errors, and the column mapping remembered per survey');
GO

ALTER TABLE [dbo].[surveys_response] ADD [gap_categories] VARCHAR(400);
GO

CREATE TABLE [dbo].[surveys_gap_tally] ([village_id] UNIQUEIDENTIFIER NOT NULL, [category] VARCHAR(40) NOT NULL, [region_path] VARCHAR(200) NOT NULL, [responses] INT NOT NULL, CONSTRAINT [PK_surveys_gap_tally] PRIMARY KEY ([village_id], [category]));
GO

INSERT INTO surveys_gap_tally (village_id, category, region_path, responses)
SELECT e.village_id, e.category, MIN(r.region_path), COUNT(*)
FROM surveys_response_gap e JOIN surveys_response r ON r.id = e.response_id
GROUP BY e.village_id, e.category;
GO

UPDATE r SET gap_categories = '|' + g.list + '|'
FROM surveys_response r
JOIN (SELECT response_id, STRING_AGG(category, '|') WITHIN GROUP (ORDER BY category) AS list FROM surveys_response_gap GROUP BY response_id) g ON g.response_id = r.id;
GO

DROP TABLE [dbo].[surveys_response_gap];
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010170, GETUTCDATE(), N'Gap reports are a column on the response, counted per village and category');
GO

ALTER TABLE [dbo].[surveys_sync_conflict] ADD [replaced] NVARCHAR(MAX);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010171, GETUTCDATE(), N'A settled sync conflict keeps the response version it replaced');
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612010201, GETUTCDATE(), N'The audit log refuses TRUNCATE on PostgreSQL');
GO

ALTER TABLE [dbo].[org_region] ADD [country_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[org_region] ADD [state_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[org_region] ADD [district_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[org_region] ADD [block_id] UNIQUEIDENTIFIER;
GO

UPDATE org_region SET country_id = id WHERE level = 1;
GO

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 2;
GO

UPDATE org_region SET state_id = id WHERE level = 2;
GO

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 3;
GO

UPDATE org_region SET district_id = id WHERE level = 3;
GO

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 4;
GO

UPDATE org_region SET block_id = id WHERE level = 4;
GO

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 5;
GO

CREATE INDEX [ix_org_region_country_id_level] ON [dbo].[org_region] ([country_id] ASC, [level] ASC);
GO

CREATE INDEX [ix_org_region_state_id_level] ON [dbo].[org_region] ([state_id] ASC, [level] ASC);
GO

CREATE INDEX [ix_org_region_district_id_level] ON [dbo].[org_region] ([district_id] ASC, [level] ASC);
GO

CREATE INDEX [ix_org_region_block_id_level] ON [dbo].[org_region] ([block_id] ASC, [level] ASC);
GO

DROP INDEX [ix_org_region_level_name] ON [dbo].[org_region];
GO

ALTER TABLE [dbo].[org_user_region] ADD [country_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[org_user_region] ADD [state_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[org_user_region] ADD [district_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[org_user_region] ADD [block_id] UNIQUEIDENTIFIER;
GO

UPDATE org_user_region SET country_id = (SELECT r.country_id FROM org_region r WHERE r.id = org_user_region.region_id), state_id = (SELECT r.state_id FROM org_region r WHERE r.id = org_user_region.region_id), district_id = (SELECT r.district_id FROM org_region r WHERE r.id = org_user_region.region_id), block_id = (SELECT r.block_id FROM org_region r WHERE r.id = org_user_region.region_id);
GO

CREATE INDEX [ix_org_user_region_country_id] ON [dbo].[org_user_region] ([country_id] ASC);
GO

CREATE INDEX [ix_org_user_region_state_id] ON [dbo].[org_user_region] ([state_id] ASC);
GO

CREATE INDEX [ix_org_user_region_district_id] ON [dbo].[org_user_region] ([district_id] ASC);
GO

CREATE INDEX [ix_org_user_region_block_id] ON [dbo].[org_user_region] ([block_id] ASC);
GO

CREATE INDEX [ix_org_user_region_region] ON [dbo].[org_user_region] ([region_id] ASC, [user_id] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612060012, GETUTCDATE(), N'Regions and user assignments store their ancestry ids, indexed');
GO

CREATE INDEX [ix_surveys_gap_block] ON [dbo].[surveys_gap] ([block_id] ASC);
GO

CREATE INDEX [ix_surveys_gap_state] ON [dbo].[surveys_gap] ([state_id] ASC);
GO

CREATE INDEX [ix_surveys_gap_country] ON [dbo].[surveys_gap] ([country_id] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612060013, GETUTCDATE(), N'Index gaps by block, state and country as well');
GO

ALTER TABLE [dbo].[surveys_import] ADD [country_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[surveys_import] ADD [state_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[surveys_import] ADD [district_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[surveys_import] ADD [block_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[surveys_import] ADD [village_id] UNIQUEIDENTIFIER;
GO

ALTER TABLE [dbo].[surveys_import] ADD [region_path] VARCHAR(200);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612060180, GETUTCDATE(), N'Imports store the region they were uploaded in');
GO

CREATE TABLE [dbo].[shared_notification] ([id] UNIQUEIDENTIFIER NOT NULL, [type] NVARCHAR(200) NOT NULL, [payload] NVARCHAR(MAX) NOT NULL, [raised_at] DATETIMEOFFSET NOT NULL, CONSTRAINT [PK_shared_notification] PRIMARY KEY ([id]));
GO

CREATE INDEX [ix_shared_notification_raised_at] ON [dbo].[shared_notification] ([raised_at] ASC);
GO

CREATE TABLE [dbo].[shared_notification_delivery] ([notification_id] UNIQUEIDENTIFIER NOT NULL, [subscriber] NVARCHAR(200) NOT NULL, [attempts] INT NOT NULL CONSTRAINT [DF_shared_notification_delivery_attempts] DEFAULT 0, [next_attempt_at] DATETIMEOFFSET NOT NULL, [locked_by] NVARCHAR(100), [locked_until] DATETIMEOFFSET, [delivered_at] DATETIMEOFFSET, [failed_at] DATETIMEOFFSET, [last_error] NVARCHAR(1000), CONSTRAINT [PK_shared_notification_delivery] PRIMARY KEY ([notification_id], [subscriber]));
GO

ALTER TABLE [dbo].[shared_notification_delivery] ADD CONSTRAINT [fk_shared_notification_delivery_notification] FOREIGN KEY ([notification_id]) REFERENCES [dbo].[shared_notification] ([id]) ON DELETE CASCADE;
GO

CREATE INDEX [ix_shared_notification_delivery_due] ON [dbo].[shared_notification_delivery] ([delivered_at] ASC, [failed_at] ASC, [next_attempt_at] ASC);
GO

INSERT INTO [dbo].[VersionInfo] ([Version], [AppliedOn], [Description]) VALUES (202612060210, GETUTCDATE(), N'Notifications raised by committed commands and their delivery to each subscriber');
