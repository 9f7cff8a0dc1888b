-- A data folder's database at schema 11: scripts/make_store_upgrade_fixture.py
PRAGMA user_version = 11;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE revisions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            rev_id TEXT NOT NULL UNIQUE,
            record_id TEXT NOT NULL,
            type TEXT NOT NULL,
            parents TEXT NOT NULL,
            generation INTEGER NOT NULL,
            body TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            hlc TEXT NOT NULL,
            summary TEXT NOT NULL
        , format INTEGER NOT NULL DEFAULT 0, origin_replica TEXT NOT NULL DEFAULT '', origin_seq INTEGER NOT NULL DEFAULT 0);
CREATE INDEX revisions_record ON revisions(record_id, seq);
CREATE TABLE revision_parents (rev_id TEXT NOT NULL, parent_id TEXT NOT NULL, PRIMARY KEY (rev_id, parent_id));
CREATE INDEX revision_parents_parent ON revision_parents(parent_id);
CREATE TABLE heads (record_id TEXT NOT NULL, rev_id TEXT NOT NULL, PRIMARY KEY (record_id, rev_id));
CREATE TABLE records (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            head_rev TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            conflict INTEGER NOT NULL,
            hlc TEXT NOT NULL
        , scope TEXT NOT NULL DEFAULT 'bank');
CREATE INDEX records_type ON records(type);
CREATE TABLE "organizations" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "parent_id" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "programs" (
   "id" TEXT PRIMARY KEY,
   "code" TEXT,
   "title" TEXT,
   "position" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "modules" (
   "id" TEXT PRIMARY KEY,
   "program_id" TEXT,
   "code" TEXT,
   "title" TEXT,
   "position" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "topics" (
   "id" TEXT PRIMARY KEY,
   "code" TEXT,
   "title" TEXT,
   "periods" INTEGER,
   "status" TEXT,
   "sample" INTEGER,
   "body" TEXT NOT NULL
);
CREATE TABLE "written_plans" (
   "id" TEXT PRIMARY KEY,
   "topic_id" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "plan_sections" (
   "id" TEXT PRIMARY KEY,
   "plan_id" TEXT,
   "topic_id" TEXT,
   "position" TEXT,
   "kind" TEXT,
   "heading" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "slide_decks" (
   "id" TEXT PRIMARY KEY,
   "topic_id" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "slides" (
   "id" TEXT PRIMARY KEY,
   "deck_id" TEXT,
   "topic_id" TEXT,
   "position" TEXT,
   "layout" TEXT,
   "title" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "questions" (
   "id" TEXT PRIMARY KEY,
   "type" TEXT,
   "level" TEXT,
   "status" TEXT,
   "stem_folded" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "attachments" (
   "id" TEXT PRIMARY KEY,
   "owner_id" TEXT,
   "sha256" TEXT,
   "filename" TEXT,
   "role" TEXT,
   "body" TEXT NOT NULL
);
CREATE INDEX "idx_modules_program_id"
    ON "modules" ("program_id");
CREATE INDEX "idx_plan_sections_plan_id"
    ON "plan_sections" ("plan_id");
CREATE INDEX "idx_plan_sections_topic_id"
    ON "plan_sections" ("topic_id");
CREATE INDEX "idx_slides_deck_id"
    ON "slides" ("deck_id");
CREATE INDEX "idx_slides_topic_id"
    ON "slides" ("topic_id");
CREATE INDEX "idx_written_plans_topic_id"
    ON "written_plans" ("topic_id");
CREATE INDEX "idx_slide_decks_topic_id"
    ON "slide_decks" ("topic_id");
CREATE INDEX "idx_attachments_owner_id"
    ON "attachments" ("owner_id");
CREATE INDEX "idx_questions_stem_folded"
    ON "questions" ("stem_folded");
CREATE INDEX "idx_topics_code"
    ON "topics" ("code");
CREATE INDEX "idx_programs_code"
    ON "programs" ("code");
CREATE TABLE topic_programs (topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE, program_id TEXT NOT NULL, module_id TEXT, number INTEGER, PRIMARY KEY (topic_id, program_id));
CREATE INDEX topic_programs_program ON topic_programs(program_id);
CREATE TABLE question_topics (question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE, topic_id TEXT NOT NULL, PRIMARY KEY (question_id, topic_id));
CREATE INDEX question_topics_topic ON question_topics(topic_id);
CREATE VIRTUAL TABLE search_index USING fts5(record_id UNINDEXED, kind UNINDEXED, topic_id UNINDEXED, title, body, title_f, body_f, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');
CREATE TABLE "bank_imports" (
   "bank_id" TEXT,
   "version" TEXT,
   "imported_at" TEXT,
   "records" INTEGER,
   PRIMARY KEY ("bank_id", "version")
);
CREATE TABLE "blueprints" (
   "id" TEXT PRIMARY KEY,
   "name" TEXT,
   "body" TEXT NOT NULL
);
CREATE TABLE "exams" (
   "id" TEXT PRIMARY KEY,
   "title" TEXT,
   "created" TEXT,
   "body" TEXT NOT NULL
);
CREATE INDEX "idx_exams_created"
    ON "exams" ("created");
CREATE TABLE search_rows (record_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL, fts_table TEXT NOT NULL DEFAULT 'search_index');
CREATE VIRTUAL TABLE question_index USING fts5(record_id UNINDEXED, kind UNINDEXED, topic_id UNINDEXED, title, body, title_f, body_f, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');
CREATE INDEX revisions_type ON revisions(type, record_id);
CREATE TABLE revision_signatures (rev_id TEXT PRIMARY KEY, signer TEXT NOT NULL, signature TEXT NOT NULL);
CREATE TABLE bundle_imports (bundle_id TEXT PRIMARY KEY, producer TEXT NOT NULL, imported_at TEXT NOT NULL, revisions INTEGER NOT NULL);
CREATE INDEX revisions_hlc ON revisions(hlc);
CREATE INDEX records_in_conflict ON records(hlc, id) WHERE conflict = 1;
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (1,'lecturer_app','m001_revisions','2026-12-04 18:45:46.260499+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (2,'lecturer_app','m002_materialized','2026-12-04 18:45:46.272122+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (3,'lecturer_app','m003_search','2026-12-04 18:45:46.272967+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (4,'lecturer_app','m004_bank_imports','2026-12-04 18:45:46.273352+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (5,'lecturer_app','m005_exam_records','2026-12-04 18:45:46.273947+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (6,'lecturer_app','m006_search_rowids','2026-12-04 18:45:46.274308+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (7,'lecturer_app','m007_question_index','2026-12-04 18:45:46.283634+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (8,'lecturer_app','m008_revisions_by_type','2026-12-04 18:45:46.284010+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (9,'lecturer_app','m009_revision_origin','2026-12-04 18:45:46.285402+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (10,'lecturer_app','m010_revision_signatures','2026-12-04 18:45:46.285708+00:00');
INSERT INTO "_sqlite_migrations" (id, migration_set, name, applied_at) VALUES (11,'lecturer_app','m011_stamp_and_conflict_indexes','2026-12-04 18:45:46.285962+00:00');
INSERT INTO "meta" (key, value) VALUES ('replica_id','01a24260-70c2-730e-821d-47d4e9dac85a');
INSERT INTO "meta" (key, value) VALUES ('origin_seq','17');
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (1,'55096886d5a3105a73eb16105940e88e08a0796b82a520e0a139530ad9c152e9','01a24260-70c2-7041-93f4-bedd1e70faa2','topic','[]',1,'{"audience":"","code":"XD-01","legal_basis":"","memberships":[],"periods":0,"sample":false,"status":"hien_hanh","title":"Xây dựng Đảng về tổ chức","version":"","year":null}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.306Z-0000','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',1);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (2,'c752cea0603c1ac71b6f20cf527ca51459e6b225e3125f1b9db3413935b6aa08','01a24260-70c8-7228-863d-60a0229f6e5f','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"Nhận biết","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Nguyên tắc tổ chức cơ bản"},{"correct":false,"image":null,"pinned":false,"text":"Một khẩu hiệu"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Nguyên tắc tập trung dân chủ là gì?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.312Z-0000','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',2);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (3,'b2a911ecb6f75be52bf912a1a602f72ec880471a6428930936bb42e7fefd4565','01a24260-70c8-7228-863d-60a0229f6e5f','question','["c752cea0603c1ac71b6f20cf527ca51459e6b225e3125f1b9db3413935b6aa08"]',2,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"Nhận biết","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Nguyên tắc tổ chức cơ bản"},{"correct":false,"image":null,"pinned":false,"text":"Một khẩu hiệu"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Nguyên tắc tổ chức cơ bản của Đảng là gì?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.313Z-0000','Sửa câu hỏi',1,'01a24260-70c2-730e-821d-47d4e9dac85a',3);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (4,'fc05a620b5fb27d836c80f62213066833b9f9d84b473f042ce5c341f3f24fbff','01a24260-70ca-77bb-87c4-4c08890a5249','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu hỏi về đoàn thanh niên sẽ bị xóa?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.314Z-0000','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',4);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (5,'74d668920356d61e277f73d34ab0efe3b2058c4215b8f65da0dc0392f9045e32','01a24260-70ca-77bb-87c4-4c08890a5249','question','["fc05a620b5fb27d836c80f62213066833b9f9d84b473f042ce5c341f3f24fbff"]',2,'{}',1,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.314Z-0001','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',5);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (6,'3f449336af401696e253c85f60353fc3e7578936f8c3853a81e18a81a6006c18','01a24260-70ca-77b7-a8c9-d17657925aa6','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 0 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 0: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0000','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',6);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (7,'9cb3e8761cded22d902a985a87bcb70f0892a6399e93de1eda0a99c9fcb850d6','01a24260-70ca-7dd6-9e93-5a6652cf5de1','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 1 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 1: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0001','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',7);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (8,'1d1e0ae124206de95fb965d8bf4e31fdbcf278819bf4e63bff78c95851a9a8d9','01a24260-70ca-7cd4-9854-2e3eba2ed88b','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 2 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 2: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0002','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',8);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (9,'1e71b030529831bc6aabeb3c6ab2addaa726de8871e6edd758572c41d98d95e8','01a24260-70ca-7c14-a6c9-8ca3ae656f60','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 3 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 3: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0003','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',9);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (10,'876b61173cebbb722d576527f5f8692d3cf05d313111db90e8433263d524d5a4','01a24260-70ca-7d8e-ae4a-66008f4fe44e','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 4 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 4: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0004','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',10);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (11,'afb0b5c735915d6e38277016e6b387d288370f210c730e06e782652809883ef8','01a24260-70ca-70c1-bfa8-7509a3d7c220','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 5 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 5: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0005','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',11);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (12,'93e258b703c0d6ef0e12be4433f33818ec4b7199f802d1bb17b7d2c2a2b4a7e7','01a24260-70ca-7ca7-92e5-8768252de7de','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 6 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 6: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0006','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',12);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (13,'8636e8514e5d81a5826d72e6a26ee332cab7b11ce373b690ca47b9c990ae569e','01a24260-70ca-7652-b902-17b0427666b2','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 7 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 7: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0007','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',13);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (14,'56d6cf9b179159e0f6c5051a32c36a902c0fde4771b00dbf813556d394823bbe','01a24260-70ca-79cf-a526-65604498bd7b','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 8 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 8: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0008','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',14);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (15,'b92cc56bfa201fbe3aed6d098078e1fd4d8e424a55cd6c1bfd1fc6d447f9ed80','01a24260-70ca-7e54-97e5-94630a119f13','question','[]',1,'{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 9 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 9: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.323Z-0009','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',15);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (16,'02b8b895ec6ac43f8c750ed007ce1fa3ac2e468614446370e86fca7180085878','01a24260-70d4-7280-bda0-47d27d6f92ab','slide_deck','[]',1,'{"source_attachment_ids":[],"theme":"","title":"Xây dựng Đảng về tổ chức","topic_id":"01a24260-70c2-7041-93f4-bedd1e70faa2"}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.324Z-0000','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',16);
INSERT INTO "revisions" (seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, format, origin_replica, origin_seq) VALUES (17,'76592a04a5f27a6674ce0c3ee15e870fea25379cef6bef0a8463eba32682771d','01a24260-70d5-79be-85d7-cb0796554253','slide','[]',1,'{"bullets":[{"level":0,"text":"Công tác kiểm tra của chi bộ"}],"deck_id":"01a24260-70d4-7280-bda0-47d27d6f92ab","images":[],"layout":"bullets","notes":"","position":"a0","right_bullets":[],"subtitle":"","title":"Kiểm tra, giám sát","topic_id":"01a24260-70c2-7041-93f4-bedd1e70faa2","url":""}',0,'Người soạn','01a24260-70c2-730e-821d-47d4e9dac85a','2026-12-04T18:45:46.325Z-0000','',1,'01a24260-70c2-730e-821d-47d4e9dac85a',17);
INSERT INTO "revision_parents" (rev_id, parent_id) VALUES ('b2a911ecb6f75be52bf912a1a602f72ec880471a6428930936bb42e7fefd4565','c752cea0603c1ac71b6f20cf527ca51459e6b225e3125f1b9db3413935b6aa08');
INSERT INTO "revision_parents" (rev_id, parent_id) VALUES ('74d668920356d61e277f73d34ab0efe3b2058c4215b8f65da0dc0392f9045e32','fc05a620b5fb27d836c80f62213066833b9f9d84b473f042ce5c341f3f24fbff');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70c2-7041-93f4-bedd1e70faa2','55096886d5a3105a73eb16105940e88e08a0796b82a520e0a139530ad9c152e9');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70c8-7228-863d-60a0229f6e5f','b2a911ecb6f75be52bf912a1a602f72ec880471a6428930936bb42e7fefd4565');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-77bb-87c4-4c08890a5249','74d668920356d61e277f73d34ab0efe3b2058c4215b8f65da0dc0392f9045e32');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-77b7-a8c9-d17657925aa6','3f449336af401696e253c85f60353fc3e7578936f8c3853a81e18a81a6006c18');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7dd6-9e93-5a6652cf5de1','9cb3e8761cded22d902a985a87bcb70f0892a6399e93de1eda0a99c9fcb850d6');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7cd4-9854-2e3eba2ed88b','1d1e0ae124206de95fb965d8bf4e31fdbcf278819bf4e63bff78c95851a9a8d9');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7c14-a6c9-8ca3ae656f60','1e71b030529831bc6aabeb3c6ab2addaa726de8871e6edd758572c41d98d95e8');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7d8e-ae4a-66008f4fe44e','876b61173cebbb722d576527f5f8692d3cf05d313111db90e8433263d524d5a4');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-70c1-bfa8-7509a3d7c220','afb0b5c735915d6e38277016e6b387d288370f210c730e06e782652809883ef8');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7ca7-92e5-8768252de7de','93e258b703c0d6ef0e12be4433f33818ec4b7199f802d1bb17b7d2c2a2b4a7e7');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7652-b902-17b0427666b2','8636e8514e5d81a5826d72e6a26ee332cab7b11ce373b690ca47b9c990ae569e');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-79cf-a526-65604498bd7b','56d6cf9b179159e0f6c5051a32c36a902c0fde4771b00dbf813556d394823bbe');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70ca-7e54-97e5-94630a119f13','b92cc56bfa201fbe3aed6d098078e1fd4d8e424a55cd6c1bfd1fc6d447f9ed80');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70d4-7280-bda0-47d27d6f92ab','02b8b895ec6ac43f8c750ed007ce1fa3ac2e468614446370e86fca7180085878');
INSERT INTO "heads" (record_id, rev_id) VALUES ('01a24260-70d5-79be-85d7-cb0796554253','76592a04a5f27a6674ce0c3ee15e870fea25379cef6bef0a8463eba32682771d');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70c2-7041-93f4-bedd1e70faa2','topic','55096886d5a3105a73eb16105940e88e08a0796b82a520e0a139530ad9c152e9',0,0,'2026-12-04T18:45:46.306Z-0000','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70c8-7228-863d-60a0229f6e5f','question','b2a911ecb6f75be52bf912a1a602f72ec880471a6428930936bb42e7fefd4565',0,0,'2026-12-04T18:45:46.313Z-0000','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-77bb-87c4-4c08890a5249','question','74d668920356d61e277f73d34ab0efe3b2058c4215b8f65da0dc0392f9045e32',1,0,'2026-12-04T18:45:46.314Z-0001','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-77b7-a8c9-d17657925aa6','question','3f449336af401696e253c85f60353fc3e7578936f8c3853a81e18a81a6006c18',0,0,'2026-12-04T18:45:46.323Z-0000','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7dd6-9e93-5a6652cf5de1','question','9cb3e8761cded22d902a985a87bcb70f0892a6399e93de1eda0a99c9fcb850d6',0,0,'2026-12-04T18:45:46.323Z-0001','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7cd4-9854-2e3eba2ed88b','question','1d1e0ae124206de95fb965d8bf4e31fdbcf278819bf4e63bff78c95851a9a8d9',0,0,'2026-12-04T18:45:46.323Z-0002','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7c14-a6c9-8ca3ae656f60','question','1e71b030529831bc6aabeb3c6ab2addaa726de8871e6edd758572c41d98d95e8',0,0,'2026-12-04T18:45:46.323Z-0003','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7d8e-ae4a-66008f4fe44e','question','876b61173cebbb722d576527f5f8692d3cf05d313111db90e8433263d524d5a4',0,0,'2026-12-04T18:45:46.323Z-0004','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-70c1-bfa8-7509a3d7c220','question','afb0b5c735915d6e38277016e6b387d288370f210c730e06e782652809883ef8',0,0,'2026-12-04T18:45:46.323Z-0005','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7ca7-92e5-8768252de7de','question','93e258b703c0d6ef0e12be4433f33818ec4b7199f802d1bb17b7d2c2a2b4a7e7',0,0,'2026-12-04T18:45:46.323Z-0006','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7652-b902-17b0427666b2','question','8636e8514e5d81a5826d72e6a26ee332cab7b11ce373b690ca47b9c990ae569e',0,0,'2026-12-04T18:45:46.323Z-0007','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-79cf-a526-65604498bd7b','question','56d6cf9b179159e0f6c5051a32c36a902c0fde4771b00dbf813556d394823bbe',0,0,'2026-12-04T18:45:46.323Z-0008','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70ca-7e54-97e5-94630a119f13','question','b92cc56bfa201fbe3aed6d098078e1fd4d8e424a55cd6c1bfd1fc6d447f9ed80',0,0,'2026-12-04T18:45:46.323Z-0009','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70d4-7280-bda0-47d27d6f92ab','slide_deck','02b8b895ec6ac43f8c750ed007ce1fa3ac2e468614446370e86fca7180085878',0,0,'2026-12-04T18:45:46.324Z-0000','bank');
INSERT INTO "records" (id, type, head_rev, deleted, conflict, hlc, scope) VALUES ('01a24260-70d5-79be-85d7-cb0796554253','slide','76592a04a5f27a6674ce0c3ee15e870fea25379cef6bef0a8463eba32682771d',0,0,'2026-12-04T18:45:46.325Z-0000','bank');
INSERT INTO "topics" (id, code, title, periods, status, sample, body) VALUES ('01a24260-70c2-7041-93f4-bedd1e70faa2','XD-01','Xây dựng Đảng về tổ chức',0,'hien_hanh',0,'{"audience":"","code":"XD-01","legal_basis":"","memberships":[],"periods":0,"sample":false,"status":"hien_hanh","title":"Xây dựng Đảng về tổ chức","version":"","year":null}');
INSERT INTO "slide_decks" (id, topic_id, body) VALUES ('01a24260-70d4-7280-bda0-47d27d6f92ab','01a24260-70c2-7041-93f4-bedd1e70faa2','{"source_attachment_ids":[],"theme":"","title":"Xây dựng Đảng về tổ chức","topic_id":"01a24260-70c2-7041-93f4-bedd1e70faa2"}');
INSERT INTO "slides" (id, deck_id, topic_id, position, layout, title, body) VALUES ('01a24260-70d5-79be-85d7-cb0796554253','01a24260-70d4-7280-bda0-47d27d6f92ab','01a24260-70c2-7041-93f4-bedd1e70faa2','a0','bullets','Kiểm tra, giám sát','{"bullets":[{"level":0,"text":"Công tác kiểm tra của chi bộ"}],"deck_id":"01a24260-70d4-7280-bda0-47d27d6f92ab","images":[],"layout":"bullets","notes":"","position":"a0","right_bullets":[],"subtitle":"","title":"Kiểm tra, giám sát","topic_id":"01a24260-70c2-7041-93f4-bedd1e70faa2","url":""}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70c8-7228-863d-60a0229f6e5f','single_choice','Nhận biết','draft','nguyen tac to chuc co ban cua dang la gi?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"Nhận biết","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Nguyên tắc tổ chức cơ bản"},{"correct":false,"image":null,"pinned":false,"text":"Một khẩu hiệu"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Nguyên tắc tổ chức cơ bản của Đảng là gì?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-77b7-a8c9-d17657925aa6','single_choice','','draft','cau 0: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 0 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 0: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7dd6-9e93-5a6652cf5de1','single_choice','','draft','cau 1: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 1 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 1: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7cd4-9854-2e3eba2ed88b','single_choice','','draft','cau 2: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 2 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 2: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7c14-a6c9-8ca3ae656f60','single_choice','','draft','cau 3: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 3 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 3: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7d8e-ae4a-66008f4fe44e','single_choice','','draft','cau 4: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 4 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 4: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-70c1-bfa8-7509a3d7c220','single_choice','','draft','cau 5: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 5 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 5: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7ca7-92e5-8768252de7de','single_choice','','draft','cau 6: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 6 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 6: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7652-b902-17b0427666b2','single_choice','','draft','cau 7: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 7 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 7: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-79cf-a526-65604498bd7b','single_choice','','draft','cau 8: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 8 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 8: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "questions" (id, type, level, status, stem_folded, body) VALUES ('01a24260-70ca-7e54-97e5-94630a119f13','single_choice','','draft','cau 9: chi bo sinh hoat dinh ky may lan?','{"answers":[],"feedback":"","group_id":null,"guide":"","images":[],"level":"","name":"","options":[{"correct":true,"image":null,"pinned":false,"text":"Mỗi tháng một lần"},{"correct":false,"image":null,"pinned":false,"text":"Mỗi năm 9 lần"}],"points":1.0,"rubric":[],"source":"","status":"draft","stem":"Câu 9: chi bộ sinh hoạt định kỳ mấy lần?","stem_format":"plain","tags":[],"topic_ids":["01a24260-70c2-7041-93f4-bedd1e70faa2"],"type":"single_choice"}');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70c8-7228-863d-60a0229f6e5f','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-77b7-a8c9-d17657925aa6','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7dd6-9e93-5a6652cf5de1','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7cd4-9854-2e3eba2ed88b','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7c14-a6c9-8ca3ae656f60','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7d8e-ae4a-66008f4fe44e','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-70c1-bfa8-7509a3d7c220','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7ca7-92e5-8768252de7de','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7652-b902-17b0427666b2','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-79cf-a526-65604498bd7b','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "question_topics" (question_id, topic_id) VALUES ('01a24260-70ca-7e54-97e5-94630a119f13','01a24260-70c2-7041-93f4-bedd1e70faa2');
INSERT INTO "search_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (1,'01a24260-70c2-7041-93f4-bedd1e70faa2','topic','','Xây dựng Đảng về tổ chức','XD-01','xay dung dang ve to chuc','xd-01');
INSERT INTO "search_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (2,'01a24260-70d5-79be-85d7-cb0796554253','slide','01a24260-70c2-7041-93f4-bedd1e70faa2','Kiểm tra, giám sát','
Công tác kiểm tra của chi bộ


','kiem tra, giam sat','
cong tac kiem tra cua chi bo


');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70c2-7041-93f4-bedd1e70faa2',1,'search_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70c8-7228-863d-60a0229f6e5f',1,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-77b7-a8c9-d17657925aa6',2,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7dd6-9e93-5a6652cf5de1',3,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7cd4-9854-2e3eba2ed88b',4,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7c14-a6c9-8ca3ae656f60',5,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7d8e-ae4a-66008f4fe44e',6,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-70c1-bfa8-7509a3d7c220',7,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7ca7-92e5-8768252de7de',8,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7652-b902-17b0427666b2',9,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-79cf-a526-65604498bd7b',10,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70ca-7e54-97e5-94630a119f13',11,'question_index');
INSERT INTO "search_rows" (record_id, fts_rowid, fts_table) VALUES ('01a24260-70d5-79be-85d7-cb0796554253',2,'search_index');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (1,'01a24260-70c8-7228-863d-60a0229f6e5f','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Nguyên tắc tổ chức cơ bản của Đảng là gì?','Nguyên tắc tổ chức cơ bản
Một khẩu hiệu

','nguyen tac to chuc co ban cua dang la gi?','nguyen tac to chuc co ban
mot khau hieu

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (2,'01a24260-70ca-77b7-a8c9-d17657925aa6','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 0: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 0 lần

','cau 0: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 0 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (3,'01a24260-70ca-7dd6-9e93-5a6652cf5de1','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 1: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 1 lần

','cau 1: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 1 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (4,'01a24260-70ca-7cd4-9854-2e3eba2ed88b','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 2: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 2 lần

','cau 2: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 2 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (5,'01a24260-70ca-7c14-a6c9-8ca3ae656f60','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 3: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 3 lần

','cau 3: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 3 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (6,'01a24260-70ca-7d8e-ae4a-66008f4fe44e','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 4: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 4 lần

','cau 4: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 4 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (7,'01a24260-70ca-70c1-bfa8-7509a3d7c220','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 5: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 5 lần

','cau 5: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 5 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (8,'01a24260-70ca-7ca7-92e5-8768252de7de','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 6: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 6 lần

','cau 6: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 6 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (9,'01a24260-70ca-7652-b902-17b0427666b2','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 7: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 7 lần

','cau 7: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 7 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (10,'01a24260-70ca-79cf-a526-65604498bd7b','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 8: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 8 lần

','cau 8: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 8 lan

');
INSERT INTO "question_index" (rowid, record_id, kind, topic_id, title, body, title_f, body_f) VALUES (11,'01a24260-70ca-7e54-97e5-94630a119f13','question','01a24260-70c2-7041-93f4-bedd1e70faa2','Câu 9: chi bộ sinh hoạt định kỳ mấy lần?','Mỗi tháng một lần
Mỗi năm 9 lần

','cau 9: chi bo sinh hoat dinh ky may lan?','moi thang mot lan
moi nam 9 lan

');
