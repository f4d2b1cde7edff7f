CREATE TABLE "shared_audit_log" ("id" UNIQUEIDENTIFIER NOT NULL, "occurred_at" TEXT NOT NULL, "user_id" UNIQUEIDENTIFIER, "user_role" TEXT, "action" TEXT NOT NULL, "entity" TEXT NOT NULL, "entity_id" UNIQUEIDENTIFIER, "outcome" TEXT NOT NULL, "client_address" TEXT, "detail" TEXT, CONSTRAINT "PK_shared_audit_log" PRIMARY KEY ("id"));

CREATE INDEX "ix_shared_audit_log_occurred_at" ON "shared_audit_log" ("occurred_at" ASC);

CREATE INDEX "ix_shared_audit_log_user" ON "shared_audit_log" ("user_id" ASC);

CREATE INDEX "ix_shared_audit_log_entity" ON "shared_audit_log" ("entity_id" ASC);

CREATE TRIGGER shared_audit_log_no_update BEFORE UPDATE ON shared_audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER shared_audit_log_no_delete BEFORE DELETE ON shared_audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230001, CURRENT_TIMESTAMP, 'Append-only audit log of personal-data access and denials');

CREATE TABLE "org_region" ("id" UNIQUEIDENTIFIER NOT NULL, "parent_id" UNIQUEIDENTIFIER, "level" INTEGER NOT NULL, "name" TEXT NOT NULL, "local_name" TEXT, "path" TEXT NOT NULL, "version" INTEGER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_org_region" PRIMARY KEY ("id"), CONSTRAINT "fk_org_region_parent" FOREIGN KEY ("parent_id") REFERENCES "org_region" ("id"));

CREATE UNIQUE INDEX "ux_org_region_sibling_name" ON "org_region" ("parent_id" ASC, "name" ASC);

CREATE UNIQUE INDEX "ux_org_region_path" ON "org_region" ("path" ASC);

CREATE INDEX "ix_org_region_level_name" ON "org_region" ("level" ASC, "name" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230002, CURRENT_TIMESTAMP, 'Region tree: country, state, district, block, village, as a materialized path');

CREATE TABLE "org_user" ("id" UNIQUEIDENTIFIER NOT NULL, "username" TEXT NOT NULL, "normalized_username" TEXT NOT NULL, "display_name" TEXT NOT NULL, "role" TEXT NOT NULL, "password_hash" TEXT NOT NULL, "is_active" INTEGER NOT NULL, "failed_sign_ins" INTEGER NOT NULL, "locked_until" TEXT, "version" INTEGER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_org_user" PRIMARY KEY ("id"));

CREATE UNIQUE INDEX "ux_org_user_normalized_username" ON "org_user" ("normalized_username" ASC);

CREATE TABLE "org_user_region" ("user_id" UNIQUEIDENTIFIER NOT NULL, "region_id" UNIQUEIDENTIFIER NOT NULL, "assigned_at" TEXT NOT NULL, CONSTRAINT "pk_org_user_region" PRIMARY KEY ("user_id", "region_id"), CONSTRAINT "fk_org_user_region_user" FOREIGN KEY ("user_id") REFERENCES "org_user" ("id"), CONSTRAINT "fk_org_user_region_region" FOREIGN KEY ("region_id") REFERENCES "org_region" ("id"));

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230003, CURRENT_TIMESTAMP, 'Users, their role, and the regions they are assigned to');

CREATE TABLE "org_api_token" ("id" UNIQUEIDENTIFIER NOT NULL, "user_id" UNIQUEIDENTIFIER NOT NULL, "name" TEXT NOT NULL, "token_hash" TEXT NOT NULL, "created_at" TEXT NOT NULL, "expires_at" TEXT NOT NULL, "revoked_at" TEXT, CONSTRAINT "PK_org_api_token" PRIMARY KEY ("id"), CONSTRAINT "fk_org_api_token_user" FOREIGN KEY ("user_id") REFERENCES "org_user" ("id"));

CREATE INDEX "ix_org_api_token_user" ON "org_api_token" ("user_id" ASC);

CREATE UNIQUE INDEX "ux_org_api_token_hash" ON "org_api_token" ("token_hash" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230004, CURRENT_TIMESTAMP, 'Bearer tokens for the API; only a SHA-256 of each token is stored');

CREATE TABLE "cases_household" ("id" UNIQUEIDENTIFIER NOT NULL, "label" TEXT NOT NULL, "village_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, "version" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_cases_household" PRIMARY KEY ("id"));

CREATE INDEX "ix_cases_household_district" ON "cases_household" ("district_id" ASC);

CREATE TABLE "cases_person" ("id" UNIQUEIDENTIFIER NOT NULL, "household_id" UNIQUEIDENTIFIER, "reference" TEXT NOT NULL, "given_name" TEXT, "family_name" TEXT, "sex" TEXT, "birth_year" INTEGER, "phone" TEXT, "risk_note" TEXT, "status" TEXT NOT NULL, "village_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, "assigned_worker_id" UNIQUEIDENTIFIER NOT NULL, "content_hash" TEXT NOT NULL, "version" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_cases_person" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_person_household" FOREIGN KEY ("household_id") REFERENCES "cases_household" ("id"));

CREATE UNIQUE INDEX "ux_cases_person_reference" ON "cases_person" ("reference" ASC);

CREATE INDEX "ix_cases_person_district" ON "cases_person" ("district_id" ASC);

CREATE INDEX "ix_cases_person_block" ON "cases_person" ("block_id" ASC);

CREATE INDEX "ix_cases_person_village" ON "cases_person" ("village_id" ASC);

CREATE INDEX "ix_cases_person_worker" ON "cases_person" ("assigned_worker_id" ASC);

CREATE TABLE "cases_consent" ("id" UNIQUEIDENTIFIER NOT NULL, "person_id" UNIQUEIDENTIFIER NOT NULL, "purpose" TEXT NOT NULL, "granted" INTEGER NOT NULL, "method" TEXT NOT NULL, "expires_on" DATETIME, "recorded_by" UNIQUEIDENTIFIER NOT NULL, "recorded_at" TEXT NOT NULL, CONSTRAINT "PK_cases_consent" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_consent_person" FOREIGN KEY ("person_id") REFERENCES "cases_person" ("id"));

CREATE INDEX "ix_cases_consent_person" ON "cases_consent" ("person_id" ASC, "purpose" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230005, CURRENT_TIMESTAMP, 'People met in outreach, their households, and the consent ledger');

CREATE TABLE "cases_visit" ("id" UNIQUEIDENTIFIER NOT NULL, "person_id" UNIQUEIDENTIFIER NOT NULL, "village_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, "visited_on" DATETIME NOT NULL, "latitude" NUMERIC, "longitude" NUMERIC, "purpose" TEXT NOT NULL, "notes" TEXT, "health_notes" TEXT, "gap_categories" TEXT, "content_hash" TEXT NOT NULL, "recorded_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, CONSTRAINT "PK_cases_visit" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_visit_person" FOREIGN KEY ("person_id") REFERENCES "cases_person" ("id"));

CREATE INDEX "ix_cases_visit_person" ON "cases_visit" ("person_id" ASC);

CREATE INDEX "ix_cases_visit_district" ON "cases_visit" ("district_id" ASC);

CREATE TABLE "cases_follow_up" ("id" UNIQUEIDENTIFIER NOT NULL, "person_id" UNIQUEIDENTIFIER NOT NULL, "due_on" DATETIME NOT NULL, "note" TEXT NOT NULL, "status" TEXT NOT NULL, "assigned_worker_id" UNIQUEIDENTIFIER NOT NULL, "completed_at" TEXT, "overdue_notified_on" DATETIME, "version" INTEGER NOT NULL, "created_at" TEXT NOT NULL, CONSTRAINT "PK_cases_follow_up" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_follow_up_person" FOREIGN KEY ("person_id") REFERENCES "cases_person" ("id"));

CREATE INDEX "ix_cases_follow_up_worker" ON "cases_follow_up" ("assigned_worker_id" ASC, "status" ASC, "due_on" ASC);

CREATE INDEX "ix_cases_follow_up_person" ON "cases_follow_up" ("person_id" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230006, CURRENT_TIMESTAMP, 'Visits to people, with the service gaps they found, and follow-ups due');

CREATE TABLE "cases_service" ("id" UNIQUEIDENTIFIER NOT NULL, "name" TEXT NOT NULL, "category" TEXT NOT NULL, "region_id" UNIQUEIDENTIFIER NOT NULL, "region_level" INTEGER NOT NULL, "region_path" TEXT NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER, "district_id" UNIQUEIDENTIFIER, "block_id" UNIQUEIDENTIFIER, "languages" TEXT, "contact" TEXT NOT NULL, "hours" TEXT, "mode" TEXT NOT NULL, "last_verified_on" DATETIME NOT NULL, "content_hash" TEXT NOT NULL, "version" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_cases_service" PRIMARY KEY ("id"));

CREATE INDEX "ix_cases_service_region" ON "cases_service" ("region_id" ASC);

CREATE INDEX "ix_cases_service_state" ON "cases_service" ("state_id" ASC);

CREATE INDEX "ix_cases_service_district" ON "cases_service" ("district_id" ASC);

CREATE TABLE "cases_referral" ("id" UNIQUEIDENTIFIER NOT NULL, "person_id" UNIQUEIDENTIFIER NOT NULL, "service_id" UNIQUEIDENTIFIER NOT NULL, "status" TEXT NOT NULL, "reason" TEXT NOT NULL, "code_hash" TEXT, "code_expires_at" TEXT, "sent_at" TEXT, "escalated_at" TEXT, "village_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, "content_hash" TEXT NOT NULL, "version" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_cases_referral" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_referral_person" FOREIGN KEY ("person_id") REFERENCES "cases_person" ("id"), CONSTRAINT "fk_cases_referral_service" FOREIGN KEY ("service_id") REFERENCES "cases_service" ("id"));

CREATE INDEX "ix_cases_referral_person" ON "cases_referral" ("person_id" ASC);

CREATE INDEX "ix_cases_referral_status" ON "cases_referral" ("status" ASC);

CREATE INDEX "ix_cases_referral_district" ON "cases_referral" ("district_id" ASC);

CREATE UNIQUE INDEX ux_cases_referral_code ON cases_referral (code_hash) WHERE code_hash IS NOT NULL;

CREATE TABLE "cases_referral_event" ("id" UNIQUEIDENTIFIER NOT NULL, "referral_id" UNIQUEIDENTIFIER NOT NULL, "from_status" TEXT, "to_status" TEXT NOT NULL, "actor" TEXT NOT NULL, "note" TEXT, "at" TEXT NOT NULL, CONSTRAINT "PK_cases_referral_event" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_referral_event_referral" FOREIGN KEY ("referral_id") REFERENCES "cases_referral" ("id"));

CREATE INDEX "ix_cases_referral_event_referral" ON "cases_referral_event" ("referral_id" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230007, CURRENT_TIMESTAMP, 'Service directory and closed-loop referrals with their history');

CREATE TABLE "cases_access_grant" ("id" UNIQUEIDENTIFIER NOT NULL, "person_id" UNIQUEIDENTIFIER NOT NULL, "user_id" UNIQUEIDENTIFIER NOT NULL, "reason" TEXT NOT NULL, "granted_at" TEXT NOT NULL, "expires_at" TEXT NOT NULL, CONSTRAINT "PK_cases_access_grant" PRIMARY KEY ("id"), CONSTRAINT "fk_cases_access_grant_person" FOREIGN KEY ("person_id") REFERENCES "cases_person" ("id"));

CREATE INDEX "ix_cases_access_grant_person_user" ON "cases_access_grant" ("person_id" ASC, "user_id" ASC);

ALTER TABLE "cases_person" ADD COLUMN "merged_into_id" UNIQUEIDENTIFIER;

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202611230008, CURRENT_TIMESTAMP, 'Time-limited break-glass access to a person''s sensitive notes, and people merged into another');

ALTER TABLE "cases_household" ADD COLUMN "content_hash" TEXT;

ALTER TABLE "cases_person" ADD COLUMN "household_relationship" TEXT;

CREATE INDEX "ix_cases_person_household" ON "cases_person" ("household_id" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010001, CURRENT_TIMESTAMP, 'Households recorded from the field: a replayable client id, and how each member is related');

ALTER TABLE "cases_person" ADD COLUMN "search_key" TEXT;

CREATE INDEX "ix_cases_person_search_key" ON "cases_person" ("search_key" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010002, CURRENT_TIMESTAMP, 'People searchable by how their name sounds, in English or Hindi spelling');

CREATE INDEX "ix_cases_person_state" ON "cases_person" ("state_id" ASC);

CREATE INDEX "ix_cases_person_country" ON "cases_person" ("country_id" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010003, CURRENT_TIMESTAMP, 'Index people by state and country as well');

CREATE TABLE "surveys_template" ("id" UNIQUEIDENTIFIER NOT NULL, "name" TEXT NOT NULL, "description" TEXT, "latest_version" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, "version" INTEGER NOT NULL, CONSTRAINT "PK_surveys_template" PRIMARY KEY ("id"));

CREATE TABLE "surveys_template_version" ("template_id" UNIQUEIDENTIFIER NOT NULL, "number" INTEGER NOT NULL, "questions" TEXT NOT NULL, "published_by" UNIQUEIDENTIFIER NOT NULL, "published_at" TEXT NOT NULL, CONSTRAINT "PK_surveys_template_version" PRIMARY KEY ("template_id", "number"), CONSTRAINT "fk_surveys_template_version_template" FOREIGN KEY ("template_id") REFERENCES "surveys_template" ("id"));

CREATE TABLE "surveys_campaign" ("id" UNIQUEIDENTIFIER NOT NULL, "template_id" UNIQUEIDENTIFIER NOT NULL, "name" TEXT NOT NULL, "starts_on" DATETIME NOT NULL, "ends_on" DATETIME NOT NULL, "target_per_village" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_at" TEXT NOT NULL, CONSTRAINT "PK_surveys_campaign" PRIMARY KEY ("id"), CONSTRAINT "fk_surveys_campaign_template" FOREIGN KEY ("template_id") REFERENCES "surveys_template" ("id"));

CREATE TABLE "surveys_campaign_region" ("campaign_id" UNIQUEIDENTIFIER NOT NULL, "region_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, CONSTRAINT "PK_surveys_campaign_region" PRIMARY KEY ("campaign_id", "region_id"), CONSTRAINT "fk_surveys_campaign_region_campaign" FOREIGN KEY ("campaign_id") REFERENCES "surveys_campaign" ("id"));

CREATE TABLE "surveys_response" ("id" UNIQUEIDENTIFIER NOT NULL, "template_id" UNIQUEIDENTIFIER NOT NULL, "template_version" INTEGER NOT NULL, "campaign_id" UNIQUEIDENTIFIER, "village_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, "collected_on" DATETIME NOT NULL, "latitude" NUMERIC, "longitude" NUMERIC, "answers" TEXT NOT NULL, "content_hash" TEXT NOT NULL, "source" TEXT NOT NULL, "import_id" UNIQUEIDENTIFIER, "submitted_by" UNIQUEIDENTIFIER NOT NULL, "received_at" TEXT NOT NULL, CONSTRAINT "PK_surveys_response" PRIMARY KEY ("id"), CONSTRAINT "fk_surveys_response_template" FOREIGN KEY ("template_id") REFERENCES "surveys_template" ("id"), CONSTRAINT "fk_surveys_response_campaign" FOREIGN KEY ("campaign_id") REFERENCES "surveys_campaign" ("id"));

CREATE INDEX "ix_surveys_response_campaign_village" ON "surveys_response" ("campaign_id" ASC, "village_id" ASC);

CREATE INDEX "ix_surveys_response_district" ON "surveys_response" ("district_id" ASC);

CREATE INDEX "ix_surveys_response_import" ON "surveys_response" ("import_id" ASC);

CREATE TABLE "surveys_response_gap" ("response_id" UNIQUEIDENTIFIER NOT NULL, "category" TEXT NOT NULL, "village_id" UNIQUEIDENTIFIER NOT NULL, "collected_on" DATETIME NOT NULL, CONSTRAINT "PK_surveys_response_gap" PRIMARY KEY ("response_id", "category"), CONSTRAINT "fk_surveys_response_gap_response" FOREIGN KEY ("response_id") REFERENCES "surveys_response" ("id"));

CREATE INDEX "ix_surveys_response_gap_village" ON "surveys_response_gap" ("village_id" ASC, "category" ASC);

CREATE TABLE "surveys_sync_conflict" ("id" UNIQUEIDENTIFIER NOT NULL, "response_id" UNIQUEIDENTIFIER NOT NULL, "submitted" TEXT NOT NULL, "content_hash" TEXT NOT NULL, "submitted_by" UNIQUEIDENTIFIER NOT NULL, "received_at" TEXT NOT NULL, "status" TEXT NOT NULL, "resolved_by" UNIQUEIDENTIFIER, "resolved_at" TEXT, CONSTRAINT "PK_surveys_sync_conflict" PRIMARY KEY ("id"), CONSTRAINT "fk_surveys_sync_conflict_response" FOREIGN KEY ("response_id") REFERENCES "surveys_response" ("id"));

CREATE UNIQUE INDEX "ux_surveys_sync_conflict_body" ON "surveys_sync_conflict" ("response_id" ASC, "content_hash" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010101, CURRENT_TIMESTAMP, 'Survey templates and their versions, campaigns, responses, sync conflicts');

CREATE TABLE "surveys_gap" ("id" UNIQUEIDENTIFIER NOT NULL, "category" TEXT NOT NULL, "village_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "region_path" TEXT NOT NULL, "state" TEXT NOT NULL, "origin" TEXT NOT NULL, "description" TEXT, "owner_id" UNIQUEIDENTIFIER, "due_on" DATETIME, "reported_by" UNIQUEIDENTIFIER NOT NULL, "reported_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "version" INTEGER NOT NULL, CONSTRAINT "PK_surveys_gap" PRIMARY KEY ("id"));

CREATE UNIQUE INDEX "ux_surveys_gap_village_category" ON "surveys_gap" ("village_id" ASC, "category" ASC);

CREATE INDEX "ix_surveys_gap_district" ON "surveys_gap" ("district_id" ASC);

CREATE TABLE "surveys_gap_history" ("id" UNIQUEIDENTIFIER NOT NULL, "gap_id" UNIQUEIDENTIFIER NOT NULL, "from_state" TEXT, "to_state" TEXT NOT NULL, "note" TEXT, "changed_by" UNIQUEIDENTIFIER NOT NULL, "changed_at" TEXT NOT NULL, CONSTRAINT "PK_surveys_gap_history" PRIMARY KEY ("id"), CONSTRAINT "fk_surveys_gap_history_gap" FOREIGN KEY ("gap_id") REFERENCES "surveys_gap" ("id"));

CREATE INDEX "ix_surveys_gap_history_gap" ON "surveys_gap_history" ("gap_id" ASC);

CREATE TABLE "surveys_visit_evidence" ("visit_id" UNIQUEIDENTIFIER NOT NULL, "category" TEXT NOT NULL, "village_id" UNIQUEIDENTIFIER NOT NULL, "visited_on" DATETIME NOT NULL, CONSTRAINT "PK_surveys_visit_evidence" PRIMARY KEY ("visit_id", "category"));

CREATE INDEX "ix_surveys_visit_evidence_village" ON "surveys_visit_evidence" ("village_id" ASC, "category" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010102, CURRENT_TIMESTAMP, 'Service gaps per village and category, their history, and the visits that observed them');

CREATE TABLE "surveys_response_tally" ("village_id" UNIQUEIDENTIFIER NOT NULL, "campaign_id" UNIQUEIDENTIFIER NOT NULL, "month" TEXT NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "responses" INTEGER NOT NULL, CONSTRAINT "PK_surveys_response_tally" PRIMARY KEY ("village_id", "campaign_id", "month"));

CREATE INDEX "ix_surveys_response_tally_district" ON "surveys_response_tally" ("district_id" ASC);

CREATE INDEX "ix_surveys_response_village" ON "surveys_response" ("village_id" ASC);

CREATE TABLE "surveys_campaign_tally" ("village_id" UNIQUEIDENTIFIER NOT NULL, "campaign_id" UNIQUEIDENTIFIER NOT NULL, "block_id" UNIQUEIDENTIFIER NOT NULL, "district_id" UNIQUEIDENTIFIER NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "responses" INTEGER NOT NULL, CONSTRAINT "PK_surveys_campaign_tally" PRIMARY KEY ("village_id", "campaign_id"));

CREATE TABLE "surveys_district_tally" ("district_id" UNIQUEIDENTIFIER NOT NULL, "campaign_id" UNIQUEIDENTIFIER NOT NULL, "month" TEXT NOT NULL, "state_id" UNIQUEIDENTIFIER NOT NULL, "country_id" UNIQUEIDENTIFIER NOT NULL, "responses" INTEGER NOT NULL, CONSTRAINT "PK_surveys_district_tally" PRIMARY KEY ("district_id", "campaign_id", "month"));

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010103, CURRENT_TIMESTAMP, 'Responses counted per village, campaign and month, so dashboards never scan every response');

CREATE TABLE "surveys_import" ("id" UNIQUEIDENTIFIER NOT NULL, "template_id" UNIQUEIDENTIFIER NOT NULL, "template_version" INTEGER NOT NULL, "campaign_id" UNIQUEIDENTIFIER, "file_name" TEXT NOT NULL, "size_bytes" INTEGER NOT NULL, "delimiter" TEXT NOT NULL, "headers" TEXT NOT NULL, "mapping" TEXT NOT NULL, "status" TEXT NOT NULL, "failure" TEXT, "checkpoint_offset" INTEGER NOT NULL, "checkpoint_line" INTEGER NOT NULL, "rows_read" INTEGER NOT NULL, "imported" INTEGER NOT NULL, "unchanged" INTEGER NOT NULL, "conflicts" INTEGER NOT NULL, "failed" INTEGER NOT NULL, "created_by" UNIQUEIDENTIFIER NOT NULL, "created_role" TEXT NOT NULL, "created_at" TEXT NOT NULL, "started_at" TEXT, "finished_at" TEXT, "version" INTEGER NOT NULL, CONSTRAINT "PK_surveys_import" PRIMARY KEY ("id"), CONSTRAINT "fk_surveys_import_template" FOREIGN KEY ("template_id") REFERENCES "surveys_template" ("id"));

CREATE INDEX "ix_surveys_import_status" ON "surveys_import" ("status" ASC);

CREATE TABLE "surveys_import_error" ("import_id" UNIQUEIDENTIFIER NOT NULL, "line" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "submission" TEXT, "column_name" TEXT, "message" TEXT NOT NULL, CONSTRAINT "PK_surveys_import_error" PRIMARY KEY ("import_id", "line", "seq"), CONSTRAINT "fk_surveys_import_error_import" FOREIGN KEY ("import_id") REFERENCES "surveys_import" ("id"));

CREATE TABLE "surveys_import_mapping" ("template_id" UNIQUEIDENTIFIER NOT NULL, "mapping" TEXT NOT NULL, "updated_by" UNIQUEIDENTIFIER NOT NULL, "updated_at" TEXT NOT NULL, CONSTRAINT "PK_surveys_import_mapping" PRIMARY KEY ("template_id"), CONSTRAINT "fk_surveys_import_mapping_template" FOREIGN KEY ("template_id") REFERENCES "surveys_template" ("id"));

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010150, CURRENT_TIMESTAMP, 'Kobo/ODK imports: the uploaded file''s progress and checkpoint, its row errors, and the column mapping remembered per survey');

ALTER TABLE "surveys_response" ADD COLUMN "gap_categories" TEXT;

CREATE TABLE "surveys_gap_tally" ("village_id" UNIQUEIDENTIFIER NOT NULL, "category" TEXT NOT NULL, "region_path" TEXT NOT NULL, "responses" INTEGER NOT NULL, CONSTRAINT "PK_surveys_gap_tally" PRIMARY KEY ("village_id", "category"));

INSERT INTO surveys_gap_tally (village_id, category, region_path, responses)
SELECT e.village_id, e.category, MIN(r.region_path), COUNT(*)
FROM surveys_response_gap e JOIN surveys_response r ON r.id = e.response_id
GROUP BY e.village_id, e.category;

UPDATE surveys_response SET gap_categories =
    (SELECT '|' || group_concat(category, '|') || '|' FROM (SELECT category FROM surveys_response_gap e WHERE e.response_id = surveys_response.id ORDER BY category))
WHERE id IN (SELECT response_id FROM surveys_response_gap);

DROP TABLE "surveys_response_gap";

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010170, CURRENT_TIMESTAMP, 'Gap reports are a column on the response, counted per village and category');

ALTER TABLE "surveys_sync_conflict" ADD COLUMN "replaced" TEXT;

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010171, CURRENT_TIMESTAMP, 'A settled sync conflict keeps the response version it replaced');

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612010201, CURRENT_TIMESTAMP, 'The audit log refuses TRUNCATE on PostgreSQL');

ALTER TABLE "org_region" ADD COLUMN "country_id" UNIQUEIDENTIFIER;

ALTER TABLE "org_region" ADD COLUMN "state_id" UNIQUEIDENTIFIER;

ALTER TABLE "org_region" ADD COLUMN "district_id" UNIQUEIDENTIFIER;

ALTER TABLE "org_region" ADD COLUMN "block_id" UNIQUEIDENTIFIER;

UPDATE org_region SET country_id = id WHERE level = 1;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 2;

UPDATE org_region SET state_id = id WHERE level = 2;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 3;

UPDATE org_region SET district_id = id WHERE level = 3;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 4;

UPDATE org_region SET block_id = id WHERE level = 4;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 5;

CREATE INDEX "ix_org_region_country_id_level" ON "org_region" ("country_id" ASC, "level" ASC);

CREATE INDEX "ix_org_region_state_id_level" ON "org_region" ("state_id" ASC, "level" ASC);

CREATE INDEX "ix_org_region_district_id_level" ON "org_region" ("district_id" ASC, "level" ASC);

CREATE INDEX "ix_org_region_block_id_level" ON "org_region" ("block_id" ASC, "level" ASC);

DROP INDEX "ix_org_region_level_name";

ALTER TABLE "org_user_region" ADD COLUMN "country_id" UNIQUEIDENTIFIER;

ALTER TABLE "org_user_region" ADD COLUMN "state_id" UNIQUEIDENTIFIER;

ALTER TABLE "org_user_region" ADD COLUMN "district_id" UNIQUEIDENTIFIER;

ALTER TABLE "org_user_region" ADD COLUMN "block_id" UNIQUEIDENTIFIER;

UPDATE org_user_region SET country_id = (SELECT r.country_id FROM org_region r WHERE r.id = org_user_region.region_id), state_id = (SELECT r.state_id FROM org_region r WHERE r.id = org_user_region.region_id), district_id = (SELECT r.district_id FROM org_region r WHERE r.id = org_user_region.region_id), block_id = (SELECT r.block_id FROM org_region r WHERE r.id = org_user_region.region_id);

CREATE INDEX "ix_org_user_region_country_id" ON "org_user_region" ("country_id" ASC);

CREATE INDEX "ix_org_user_region_state_id" ON "org_user_region" ("state_id" ASC);

CREATE INDEX "ix_org_user_region_district_id" ON "org_user_region" ("district_id" ASC);

CREATE INDEX "ix_org_user_region_block_id" ON "org_user_region" ("block_id" ASC);

CREATE INDEX "ix_org_user_region_region" ON "org_user_region" ("region_id" ASC, "user_id" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612060012, CURRENT_TIMESTAMP, 'Regions and user assignments store their ancestry ids, indexed');

CREATE INDEX "ix_surveys_gap_block" ON "surveys_gap" ("block_id" ASC);

CREATE INDEX "ix_surveys_gap_state" ON "surveys_gap" ("state_id" ASC);

CREATE INDEX "ix_surveys_gap_country" ON "surveys_gap" ("country_id" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612060013, CURRENT_TIMESTAMP, 'Index gaps by block, state and country as well');

ALTER TABLE "surveys_import" ADD COLUMN "country_id" UNIQUEIDENTIFIER;

ALTER TABLE "surveys_import" ADD COLUMN "state_id" UNIQUEIDENTIFIER;

ALTER TABLE "surveys_import" ADD COLUMN "district_id" UNIQUEIDENTIFIER;

ALTER TABLE "surveys_import" ADD COLUMN "block_id" UNIQUEIDENTIFIER;

ALTER TABLE "surveys_import" ADD COLUMN "village_id" UNIQUEIDENTIFIER;

ALTER TABLE "surveys_import" ADD COLUMN "region_path" TEXT;

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612060180, CURRENT_TIMESTAMP, 'Imports store the region they were uploaded in');

CREATE TABLE "shared_notification" ("id" UNIQUEIDENTIFIER NOT NULL, "type" TEXT NOT NULL, "payload" TEXT NOT NULL, "raised_at" TEXT NOT NULL, CONSTRAINT "PK_shared_notification" PRIMARY KEY ("id"));

CREATE INDEX "ix_shared_notification_raised_at" ON "shared_notification" ("raised_at" ASC);

CREATE TABLE "shared_notification_delivery" ("notification_id" UNIQUEIDENTIFIER NOT NULL, "subscriber" TEXT NOT NULL, "attempts" INTEGER NOT NULL DEFAULT 0, "next_attempt_at" TEXT NOT NULL, "locked_by" TEXT, "locked_until" TEXT, "delivered_at" TEXT, "failed_at" TEXT, "last_error" TEXT, CONSTRAINT "PK_shared_notification_delivery" PRIMARY KEY ("notification_id", "subscriber"), CONSTRAINT "fk_shared_notification_delivery_notification" FOREIGN KEY ("notification_id") REFERENCES "shared_notification" ("id") ON DELETE CASCADE);

CREATE INDEX "ix_shared_notification_delivery_due" ON "shared_notification_delivery" ("delivered_at" ASC, "failed_at" ASC, "next_attempt_at" ASC);

INSERT INTO "VersionInfo" ("Version", "AppliedOn", "Description") VALUES (202612060210, CURRENT_TIMESTAMP, 'Notifications raised by committed commands and their delivery to each subscriber');
