CREATE TABLE "public"."shared_audit_log" ("id" uuid NOT NULL, "occurred_at" timestamptz NOT NULL, "user_id" uuid, "user_role" varchar(32), "action" varchar(100) NOT NULL, "entity" varchar(64) NOT NULL, "entity_id" uuid, "outcome" varchar(16) NOT NULL, "client_address" varchar(64), "detail" varchar(500), CONSTRAINT "PK_shared_audit_log" PRIMARY KEY ("id"));

CREATE INDEX "ix_shared_audit_log_occurred_at" ON "public"."shared_audit_log" ("occurred_at" ASC);

CREATE INDEX "ix_shared_audit_log_user" ON "public"."shared_audit_log" ("user_id" ASC);

CREATE INDEX "ix_shared_audit_log_entity" ON "public"."shared_audit_log" ("entity_id" ASC);

CREATE FUNCTION shared_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER shared_audit_log_append_only BEFORE UPDATE OR DELETE ON shared_audit_log
FOR EACH ROW EXECUTE FUNCTION shared_audit_log_append_only();

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230001,(now() at time zone 'UTC'),'Append-only audit log of personal-data access and denials');

CREATE TABLE "public"."org_region" ("id" uuid NOT NULL, "parent_id" uuid, "level" smallint NOT NULL, "name" varchar(120) NOT NULL, "local_name" varchar(120), "path" varchar(200) NOT NULL, "version" integer NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_org_region" PRIMARY KEY ("id"));

ALTER TABLE "public"."org_region" ADD CONSTRAINT "fk_org_region_parent" FOREIGN KEY ("parent_id") REFERENCES "public"."org_region" ("id");

CREATE UNIQUE INDEX "ux_org_region_sibling_name" ON "public"."org_region" ("parent_id" ASC,"name" ASC);

CREATE UNIQUE INDEX "ux_org_region_path" ON "public"."org_region" ("path" ASC);

CREATE INDEX "ix_org_region_level_name" ON "public"."org_region" ("level" ASC,"name" ASC);

CREATE INDEX ix_org_region_path_prefix ON org_region (path text_pattern_ops);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230002,(now() at time zone 'UTC'),'Region tree: country, state, district, block, village, as a materialized path');

CREATE TABLE "public"."org_user" ("id" uuid NOT NULL, "username" varchar(64) NOT NULL, "normalized_username" varchar(64) NOT NULL, "display_name" varchar(120) NOT NULL, "role" varchar(32) NOT NULL, "password_hash" varchar(200) NOT NULL, "is_active" boolean NOT NULL, "failed_sign_ins" integer NOT NULL, "locked_until" timestamptz, "version" integer NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_org_user" PRIMARY KEY ("id"));

CREATE UNIQUE INDEX "ux_org_user_normalized_username" ON "public"."org_user" ("normalized_username" ASC);

CREATE TABLE "public"."org_user_region" ("user_id" uuid NOT NULL, "region_id" uuid NOT NULL, "assigned_at" timestamptz NOT NULL, CONSTRAINT "pk_org_user_region" PRIMARY KEY ("user_id","region_id"));

ALTER TABLE "public"."org_user_region" ADD CONSTRAINT "fk_org_user_region_user" FOREIGN KEY ("user_id") REFERENCES "public"."org_user" ("id");

ALTER TABLE "public"."org_user_region" ADD CONSTRAINT "fk_org_user_region_region" FOREIGN KEY ("region_id") REFERENCES "public"."org_region" ("id");

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230003,(now() at time zone 'UTC'),'Users, their role, and the regions they are assigned to');

CREATE TABLE "public"."org_api_token" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "name" varchar(120) NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "revoked_at" timestamptz, CONSTRAINT "PK_org_api_token" PRIMARY KEY ("id"));

CREATE INDEX "ix_org_api_token_user" ON "public"."org_api_token" ("user_id" ASC);

ALTER TABLE "public"."org_api_token" ADD CONSTRAINT "fk_org_api_token_user" FOREIGN KEY ("user_id") REFERENCES "public"."org_user" ("id");

CREATE UNIQUE INDEX "ux_org_api_token_hash" ON "public"."org_api_token" ("token_hash" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230004,(now() at time zone 'UTC'),'Bearer tokens for the API; only a SHA-256 of each token is stored');

CREATE TABLE "public"."cases_household" ("id" uuid NOT NULL, "label" varchar(120) NOT NULL, "village_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_household" PRIMARY KEY ("id"));

CREATE INDEX "ix_cases_household_district" ON "public"."cases_household" ("district_id" ASC);

CREATE TABLE "public"."cases_person" ("id" uuid NOT NULL, "household_id" uuid, "reference" varchar(16) NOT NULL, "given_name" varchar(120), "family_name" varchar(120), "sex" varchar(16), "birth_year" integer, "phone" varchar(20), "risk_note" varchar(2000), "status" varchar(16) NOT NULL, "village_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, "assigned_worker_id" uuid NOT NULL, "content_hash" varchar(64) NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_person" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_person" ADD CONSTRAINT "fk_cases_person_household" FOREIGN KEY ("household_id") REFERENCES "public"."cases_household" ("id");

CREATE UNIQUE INDEX "ux_cases_person_reference" ON "public"."cases_person" ("reference" ASC);

CREATE INDEX "ix_cases_person_district" ON "public"."cases_person" ("district_id" ASC);

CREATE INDEX "ix_cases_person_block" ON "public"."cases_person" ("block_id" ASC);

CREATE INDEX "ix_cases_person_village" ON "public"."cases_person" ("village_id" ASC);

CREATE INDEX "ix_cases_person_worker" ON "public"."cases_person" ("assigned_worker_id" ASC);

CREATE TABLE "public"."cases_consent" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "purpose" varchar(32) NOT NULL, "granted" boolean NOT NULL, "method" varchar(16) NOT NULL, "expires_on" date, "recorded_by" uuid NOT NULL, "recorded_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_consent" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_consent" ADD CONSTRAINT "fk_cases_consent_person" FOREIGN KEY ("person_id") REFERENCES "public"."cases_person" ("id");

CREATE INDEX "ix_cases_consent_person" ON "public"."cases_consent" ("person_id" ASC,"purpose" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230005,(now() at time zone 'UTC'),'People met in outreach, their households, and the consent ledger');

CREATE TABLE "public"."cases_visit" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "village_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, "visited_on" date NOT NULL, "latitude" decimal(9,6), "longitude" decimal(9,6), "purpose" varchar(32) NOT NULL, "notes" varchar(2000), "health_notes" varchar(2000), "gap_categories" varchar(400), "content_hash" varchar(64) NOT NULL, "recorded_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_visit" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_visit" ADD CONSTRAINT "fk_cases_visit_person" FOREIGN KEY ("person_id") REFERENCES "public"."cases_person" ("id");

CREATE INDEX "ix_cases_visit_person" ON "public"."cases_visit" ("person_id" ASC);

CREATE INDEX "ix_cases_visit_district" ON "public"."cases_visit" ("district_id" ASC);

CREATE TABLE "public"."cases_follow_up" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "due_on" date NOT NULL, "note" varchar(500) NOT NULL, "status" varchar(16) NOT NULL, "assigned_worker_id" uuid NOT NULL, "completed_at" timestamptz, "overdue_notified_on" date, "version" integer NOT NULL, "created_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_follow_up" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_follow_up" ADD CONSTRAINT "fk_cases_follow_up_person" FOREIGN KEY ("person_id") REFERENCES "public"."cases_person" ("id");

CREATE INDEX "ix_cases_follow_up_worker" ON "public"."cases_follow_up" ("assigned_worker_id" ASC,"status" ASC,"due_on" ASC);

CREATE INDEX "ix_cases_follow_up_person" ON "public"."cases_follow_up" ("person_id" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230006,(now() at time zone 'UTC'),'Visits to people, with the service gaps they found, and follow-ups due');

CREATE TABLE "public"."cases_service" ("id" uuid NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(32) NOT NULL, "region_id" uuid NOT NULL, "region_level" integer NOT NULL, "region_path" varchar(200) NOT NULL, "country_id" uuid NOT NULL, "state_id" uuid, "district_id" uuid, "block_id" uuid, "languages" varchar(200), "contact" varchar(250) NOT NULL, "hours" varchar(250), "mode" varchar(16) NOT NULL, "last_verified_on" date NOT NULL, "content_hash" varchar(64) NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_service" PRIMARY KEY ("id"));

CREATE INDEX "ix_cases_service_region" ON "public"."cases_service" ("region_id" ASC);

CREATE INDEX "ix_cases_service_state" ON "public"."cases_service" ("state_id" ASC);

CREATE INDEX "ix_cases_service_district" ON "public"."cases_service" ("district_id" ASC);

CREATE TABLE "public"."cases_referral" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "service_id" uuid NOT NULL, "status" varchar(16) NOT NULL, "reason" varchar(500) NOT NULL, "code_hash" varchar(64), "code_expires_at" timestamptz, "sent_at" timestamptz, "escalated_at" timestamptz, "village_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, "content_hash" varchar(64) NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_referral" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_referral" ADD CONSTRAINT "fk_cases_referral_person" FOREIGN KEY ("person_id") REFERENCES "public"."cases_person" ("id");

ALTER TABLE "public"."cases_referral" ADD CONSTRAINT "fk_cases_referral_service" FOREIGN KEY ("service_id") REFERENCES "public"."cases_service" ("id");

CREATE INDEX "ix_cases_referral_person" ON "public"."cases_referral" ("person_id" ASC);

CREATE INDEX "ix_cases_referral_status" ON "public"."cases_referral" ("status" ASC);

CREATE INDEX "ix_cases_referral_district" ON "public"."cases_referral" ("district_id" ASC);

CREATE UNIQUE INDEX ux_cases_referral_code ON cases_referral (code_hash) WHERE code_hash IS NOT NULL;

CREATE TABLE "public"."cases_referral_event" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "from_status" varchar(16), "to_status" varchar(16) NOT NULL, "actor" varchar(40) NOT NULL, "note" varchar(500), "at" timestamptz NOT NULL, CONSTRAINT "PK_cases_referral_event" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_referral_event" ADD CONSTRAINT "fk_cases_referral_event_referral" FOREIGN KEY ("referral_id") REFERENCES "public"."cases_referral" ("id");

CREATE INDEX "ix_cases_referral_event_referral" ON "public"."cases_referral_event" ("referral_id" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230007,(now() at time zone 'UTC'),'Service directory and closed-loop referrals with their history');

CREATE TABLE "public"."cases_access_grant" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" varchar(500) NOT NULL, "granted_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, CONSTRAINT "PK_cases_access_grant" PRIMARY KEY ("id"));

ALTER TABLE "public"."cases_access_grant" ADD CONSTRAINT "fk_cases_access_grant_person" FOREIGN KEY ("person_id") REFERENCES "public"."cases_person" ("id");

CREATE INDEX "ix_cases_access_grant_person_user" ON "public"."cases_access_grant" ("person_id" ASC,"user_id" ASC);

ALTER TABLE "public"."cases_person" ADD "merged_into_id" uuid;

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202611230008,(now() at time zone 'UTC'),'Time-limited break-glass access to a person''s sensitive notes, and people merged into another');

ALTER TABLE "public"."cases_household" ADD "content_hash" varchar(64);

ALTER TABLE "public"."cases_person" ADD "household_relationship" varchar(16);

CREATE INDEX "ix_cases_person_household" ON "public"."cases_person" ("household_id" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010001,(now() at time zone 'UTC'),'Households recorded from the field: a replayable client id, and how each member is related');

ALTER TABLE "public"."cases_person" ADD "search_key" varchar(250);

CREATE INDEX "ix_cases_person_search_key" ON "public"."cases_person" ("search_key" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010002,(now() at time zone 'UTC'),'People searchable by how their name sounds, in English or Hindi spelling');

CREATE INDEX "ix_cases_person_state" ON "public"."cases_person" ("state_id" ASC);

CREATE INDEX "ix_cases_person_country" ON "public"."cases_person" ("country_id" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010003,(now() at time zone 'UTC'),'Index people by state and country as well');

CREATE TABLE "public"."surveys_template" ("id" uuid NOT NULL, "name" varchar(200) NOT NULL, "description" varchar(1000), "latest_version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_surveys_template" PRIMARY KEY ("id"));

CREATE TABLE "public"."surveys_template_version" ("template_id" uuid NOT NULL, "number" integer NOT NULL, "questions" text NOT NULL, "published_by" uuid NOT NULL, "published_at" timestamptz NOT NULL, CONSTRAINT "PK_surveys_template_version" PRIMARY KEY ("template_id","number"));

ALTER TABLE "public"."surveys_template_version" ADD CONSTRAINT "fk_surveys_template_version_template" FOREIGN KEY ("template_id") REFERENCES "public"."surveys_template" ("id");

CREATE TABLE "public"."surveys_campaign" ("id" uuid NOT NULL, "template_id" uuid NOT NULL, "name" varchar(200) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "target_per_village" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" timestamptz NOT NULL, CONSTRAINT "PK_surveys_campaign" PRIMARY KEY ("id"));

ALTER TABLE "public"."surveys_campaign" ADD CONSTRAINT "fk_surveys_campaign_template" FOREIGN KEY ("template_id") REFERENCES "public"."surveys_template" ("id");

CREATE TABLE "public"."surveys_campaign_region" ("campaign_id" uuid NOT NULL, "region_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, CONSTRAINT "PK_surveys_campaign_region" PRIMARY KEY ("campaign_id","region_id"));

ALTER TABLE "public"."surveys_campaign_region" ADD CONSTRAINT "fk_surveys_campaign_region_campaign" FOREIGN KEY ("campaign_id") REFERENCES "public"."surveys_campaign" ("id");

CREATE TABLE "public"."surveys_response" ("id" uuid NOT NULL, "template_id" uuid NOT NULL, "template_version" integer NOT NULL, "campaign_id" uuid, "village_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, "collected_on" date NOT NULL, "latitude" decimal(9,6), "longitude" decimal(9,6), "answers" text NOT NULL, "content_hash" varchar(64) NOT NULL, "source" varchar(16) NOT NULL, "import_id" uuid, "submitted_by" uuid NOT NULL, "received_at" timestamptz NOT NULL, CONSTRAINT "PK_surveys_response" PRIMARY KEY ("id"));

ALTER TABLE "public"."surveys_response" ADD CONSTRAINT "fk_surveys_response_template" FOREIGN KEY ("template_id") REFERENCES "public"."surveys_template" ("id");

ALTER TABLE "public"."surveys_response" ADD CONSTRAINT "fk_surveys_response_campaign" FOREIGN KEY ("campaign_id") REFERENCES "public"."surveys_campaign" ("id");

CREATE INDEX "ix_surveys_response_campaign_village" ON "public"."surveys_response" ("campaign_id" ASC,"village_id" ASC);

CREATE INDEX "ix_surveys_response_district" ON "public"."surveys_response" ("district_id" ASC);

CREATE INDEX "ix_surveys_response_import" ON "public"."surveys_response" ("import_id" ASC);

CREATE TABLE "public"."surveys_response_gap" ("response_id" uuid NOT NULL, "category" varchar(40) NOT NULL, "village_id" uuid NOT NULL, "collected_on" date NOT NULL, CONSTRAINT "PK_surveys_response_gap" PRIMARY KEY ("response_id","category"));

ALTER TABLE "public"."surveys_response_gap" ADD CONSTRAINT "fk_surveys_response_gap_response" FOREIGN KEY ("response_id") REFERENCES "public"."surveys_response" ("id");

CREATE INDEX "ix_surveys_response_gap_village" ON "public"."surveys_response_gap" ("village_id" ASC,"category" ASC);

CREATE TABLE "public"."surveys_sync_conflict" ("id" uuid NOT NULL, "response_id" uuid NOT NULL, "submitted" text NOT NULL, "content_hash" varchar(64) NOT NULL, "submitted_by" uuid NOT NULL, "received_at" timestamptz NOT NULL, "status" varchar(16) NOT NULL, "resolved_by" uuid, "resolved_at" timestamptz, CONSTRAINT "PK_surveys_sync_conflict" PRIMARY KEY ("id"));

ALTER TABLE "public"."surveys_sync_conflict" ADD CONSTRAINT "fk_surveys_sync_conflict_response" FOREIGN KEY ("response_id") REFERENCES "public"."surveys_response" ("id");

CREATE UNIQUE INDEX "ux_surveys_sync_conflict_body" ON "public"."surveys_sync_conflict" ("response_id" ASC,"content_hash" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010101,(now() at time zone 'UTC'),'Survey templates and their versions, campaigns, responses, sync conflicts');

CREATE TABLE "public"."surveys_gap" ("id" uuid NOT NULL, "category" varchar(40) NOT NULL, "village_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "region_path" varchar(200) NOT NULL, "state" varchar(16) NOT NULL, "origin" varchar(16) NOT NULL, "description" varchar(1000), "owner_id" uuid, "due_on" date, "reported_by" uuid NOT NULL, "reported_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_surveys_gap" PRIMARY KEY ("id"));

CREATE UNIQUE INDEX "ux_surveys_gap_village_category" ON "public"."surveys_gap" ("village_id" ASC,"category" ASC);

CREATE INDEX "ix_surveys_gap_district" ON "public"."surveys_gap" ("district_id" ASC);

CREATE TABLE "public"."surveys_gap_history" ("id" uuid NOT NULL, "gap_id" uuid NOT NULL, "from_state" varchar(16), "to_state" varchar(16) NOT NULL, "note" varchar(1000), "changed_by" uuid NOT NULL, "changed_at" timestamptz NOT NULL, CONSTRAINT "PK_surveys_gap_history" PRIMARY KEY ("id"));

ALTER TABLE "public"."surveys_gap_history" ADD CONSTRAINT "fk_surveys_gap_history_gap" FOREIGN KEY ("gap_id") REFERENCES "public"."surveys_gap" ("id");

CREATE INDEX "ix_surveys_gap_history_gap" ON "public"."surveys_gap_history" ("gap_id" ASC);

CREATE TABLE "public"."surveys_visit_evidence" ("visit_id" uuid NOT NULL, "category" varchar(40) NOT NULL, "village_id" uuid NOT NULL, "visited_on" date NOT NULL, CONSTRAINT "PK_surveys_visit_evidence" PRIMARY KEY ("visit_id","category"));

CREATE INDEX "ix_surveys_visit_evidence_village" ON "public"."surveys_visit_evidence" ("village_id" ASC,"category" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010102,(now() at time zone 'UTC'),'Service gaps per village and category, their history, and the visits that observed them');

CREATE TABLE "public"."surveys_response_tally" ("village_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "month" varchar(7) NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "responses" integer NOT NULL, CONSTRAINT "PK_surveys_response_tally" PRIMARY KEY ("village_id","campaign_id","month"));

CREATE INDEX "ix_surveys_response_tally_district" ON "public"."surveys_response_tally" ("district_id" ASC);

CREATE INDEX "ix_surveys_response_village" ON "public"."surveys_response" ("village_id" ASC);

CREATE TABLE "public"."surveys_campaign_tally" ("village_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "block_id" uuid NOT NULL, "district_id" uuid NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "responses" integer NOT NULL, CONSTRAINT "PK_surveys_campaign_tally" PRIMARY KEY ("village_id","campaign_id"));

CREATE TABLE "public"."surveys_district_tally" ("district_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "month" varchar(7) NOT NULL, "state_id" uuid NOT NULL, "country_id" uuid NOT NULL, "responses" integer NOT NULL, CONSTRAINT "PK_surveys_district_tally" PRIMARY KEY ("district_id","campaign_id","month"));

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010103,(now() at time zone 'UTC'),'Responses counted per village, campaign and month, so dashboards never scan every response');

CREATE TABLE "public"."surveys_import" ("id" uuid NOT NULL, "template_id" uuid NOT NULL, "template_version" integer NOT NULL, "campaign_id" uuid, "file_name" varchar(260) NOT NULL, "size_bytes" bigint NOT NULL, "delimiter" varchar(1) NOT NULL, "headers" text NOT NULL, "mapping" text NOT NULL, "status" varchar(16) NOT NULL, "failure" varchar(2000), "checkpoint_offset" bigint NOT NULL, "checkpoint_line" bigint NOT NULL, "rows_read" bigint NOT NULL, "imported" bigint NOT NULL, "unchanged" bigint NOT NULL, "conflicts" bigint NOT NULL, "failed" bigint NOT NULL, "created_by" uuid NOT NULL, "created_role" varchar(32) NOT NULL, "created_at" timestamptz NOT NULL, "started_at" timestamptz, "finished_at" timestamptz, "version" integer NOT NULL, CONSTRAINT "PK_surveys_import" PRIMARY KEY ("id"));

ALTER TABLE "public"."surveys_import" ADD CONSTRAINT "fk_surveys_import_template" FOREIGN KEY ("template_id") REFERENCES "public"."surveys_template" ("id");

CREATE INDEX "ix_surveys_import_status" ON "public"."surveys_import" ("status" ASC);

CREATE TABLE "public"."surveys_import_error" ("import_id" uuid NOT NULL, "line" bigint NOT NULL, "seq" integer NOT NULL, "submission" varchar(200), "column_name" varchar(500), "message" varchar(1000) NOT NULL, CONSTRAINT "PK_surveys_import_error" PRIMARY KEY ("import_id","line","seq"));

ALTER TABLE "public"."surveys_import_error" ADD CONSTRAINT "fk_surveys_import_error_import" FOREIGN KEY ("import_id") REFERENCES "public"."surveys_import" ("id");

CREATE TABLE "public"."surveys_import_mapping" ("template_id" uuid NOT NULL, "mapping" text NOT NULL, "updated_by" uuid NOT NULL, "updated_at" timestamptz NOT NULL, CONSTRAINT "PK_surveys_import_mapping" PRIMARY KEY ("template_id"));

ALTER TABLE "public"."surveys_import_mapping" ADD CONSTRAINT "fk_surveys_import_mapping_template" FOREIGN KEY ("template_id") REFERENCES "public"."surveys_template" ("id");

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010150,(now() at time zone 'UTC'),'Kobo/ODK imports: the uploaded file''s progress and checkpoint, its row errors, and the column mapping remembered per survey');

ALTER TABLE "public"."surveys_response" ADD "gap_categories" varchar(400);

CREATE TABLE "public"."surveys_gap_tally" ("village_id" uuid NOT NULL, "category" varchar(40) NOT NULL, "region_path" varchar(200) NOT NULL, "responses" integer NOT NULL, CONSTRAINT "PK_surveys_gap_tally" PRIMARY KEY ("village_id","category"));

INSERT INTO surveys_gap_tally (village_id, category, region_path, responses)
SELECT e.village_id, e.category, MIN(r.region_path), COUNT(*)
FROM surveys_response_gap e JOIN surveys_response r ON r.id = e.response_id
GROUP BY e.village_id, e.category;

UPDATE surveys_response r SET gap_categories = g.list
FROM (SELECT response_id, '|' || string_agg(category, '|' ORDER BY category) || '|' AS list FROM surveys_response_gap GROUP BY response_id) g
WHERE g.response_id = r.id;

DROP TABLE "public"."surveys_response_gap";

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010170,(now() at time zone 'UTC'),'Gap reports are a column on the response, counted per village and category');

ALTER TABLE "public"."surveys_sync_conflict" ADD "replaced" text;

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010171,(now() at time zone 'UTC'),'A settled sync conflict keeps the response version it replaced');

CREATE TRIGGER shared_audit_log_no_truncate BEFORE TRUNCATE ON shared_audit_log
FOR EACH STATEMENT EXECUTE FUNCTION shared_audit_log_append_only();

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612010201,(now() at time zone 'UTC'),'The audit log refuses TRUNCATE on PostgreSQL');

ALTER TABLE "public"."org_region" ADD "country_id" uuid;

ALTER TABLE "public"."org_region" ADD "state_id" uuid;

ALTER TABLE "public"."org_region" ADD "district_id" uuid;

ALTER TABLE "public"."org_region" ADD "block_id" uuid;

UPDATE org_region SET country_id = id WHERE level = 1;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 2;

UPDATE org_region SET state_id = id WHERE level = 2;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 3;

UPDATE org_region SET district_id = id WHERE level = 3;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 4;

UPDATE org_region SET block_id = id WHERE level = 4;

UPDATE org_region SET country_id = (SELECT p.country_id FROM org_region p WHERE p.id = org_region.parent_id), state_id = (SELECT p.state_id FROM org_region p WHERE p.id = org_region.parent_id), district_id = (SELECT p.district_id FROM org_region p WHERE p.id = org_region.parent_id), block_id = (SELECT p.block_id FROM org_region p WHERE p.id = org_region.parent_id) WHERE level = 5;

CREATE INDEX "ix_org_region_country_id_level" ON "public"."org_region" ("country_id" ASC,"level" ASC);

CREATE INDEX "ix_org_region_state_id_level" ON "public"."org_region" ("state_id" ASC,"level" ASC);

CREATE INDEX "ix_org_region_district_id_level" ON "public"."org_region" ("district_id" ASC,"level" ASC);

CREATE INDEX "ix_org_region_block_id_level" ON "public"."org_region" ("block_id" ASC,"level" ASC);

DROP INDEX ix_org_region_path_prefix;

DROP INDEX "public"."ix_org_region_level_name";

ALTER TABLE "public"."org_user_region" ADD "country_id" uuid;

ALTER TABLE "public"."org_user_region" ADD "state_id" uuid;

ALTER TABLE "public"."org_user_region" ADD "district_id" uuid;

ALTER TABLE "public"."org_user_region" ADD "block_id" uuid;

UPDATE org_user_region SET country_id = (SELECT r.country_id FROM org_region r WHERE r.id = org_user_region.region_id), state_id = (SELECT r.state_id FROM org_region r WHERE r.id = org_user_region.region_id), district_id = (SELECT r.district_id FROM org_region r WHERE r.id = org_user_region.region_id), block_id = (SELECT r.block_id FROM org_region r WHERE r.id = org_user_region.region_id);

CREATE INDEX "ix_org_user_region_country_id" ON "public"."org_user_region" ("country_id" ASC);

CREATE INDEX "ix_org_user_region_state_id" ON "public"."org_user_region" ("state_id" ASC);

CREATE INDEX "ix_org_user_region_district_id" ON "public"."org_user_region" ("district_id" ASC);

CREATE INDEX "ix_org_user_region_block_id" ON "public"."org_user_region" ("block_id" ASC);

CREATE INDEX "ix_org_user_region_region" ON "public"."org_user_region" ("region_id" ASC,"user_id" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612060012,(now() at time zone 'UTC'),'Regions and user assignments store their ancestry ids, indexed');

CREATE INDEX "ix_surveys_gap_block" ON "public"."surveys_gap" ("block_id" ASC);

CREATE INDEX "ix_surveys_gap_state" ON "public"."surveys_gap" ("state_id" ASC);

CREATE INDEX "ix_surveys_gap_country" ON "public"."surveys_gap" ("country_id" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612060013,(now() at time zone 'UTC'),'Index gaps by block, state and country as well');

ALTER TABLE "public"."surveys_import" ADD "country_id" uuid;

ALTER TABLE "public"."surveys_import" ADD "state_id" uuid;

ALTER TABLE "public"."surveys_import" ADD "district_id" uuid;

ALTER TABLE "public"."surveys_import" ADD "block_id" uuid;

ALTER TABLE "public"."surveys_import" ADD "village_id" uuid;

ALTER TABLE "public"."surveys_import" ADD "region_path" varchar(200);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612060180,(now() at time zone 'UTC'),'Imports store the region they were uploaded in');

CREATE TABLE "public"."shared_notification" ("id" uuid NOT NULL, "type" varchar(200) NOT NULL, "payload" text NOT NULL, "raised_at" timestamptz NOT NULL, CONSTRAINT "PK_shared_notification" PRIMARY KEY ("id"));

CREATE INDEX "ix_shared_notification_raised_at" ON "public"."shared_notification" ("raised_at" ASC);

CREATE TABLE "public"."shared_notification_delivery" ("notification_id" uuid NOT NULL, "subscriber" varchar(200) NOT NULL, "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" timestamptz NOT NULL, "locked_by" varchar(100), "locked_until" timestamptz, "delivered_at" timestamptz, "failed_at" timestamptz, "last_error" varchar(1000), CONSTRAINT "PK_shared_notification_delivery" PRIMARY KEY ("notification_id","subscriber"));

ALTER TABLE "public"."shared_notification_delivery" ADD CONSTRAINT "fk_shared_notification_delivery_notification" FOREIGN KEY ("notification_id") REFERENCES "public"."shared_notification" ("id") ON DELETE CASCADE;

CREATE INDEX "ix_shared_notification_delivery_due" ON "public"."shared_notification_delivery" ("delivered_at" ASC,"failed_at" ASC,"next_attempt_at" ASC);

INSERT INTO "public"."VersionInfo" ("Version","AppliedOn","Description") VALUES (202612060210,(now() at time zone 'UTC'),'Notifications raised by committed commands and their delivery to each subscriber');
