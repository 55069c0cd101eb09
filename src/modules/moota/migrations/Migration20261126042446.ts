import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126042446 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "moota_review_item" drop constraint if exists "moota_review_item_inbox_unique";`);
    this.addSql(`alter table if exists "moota_reservation" drop constraint if exists "moota_reservation_session_id_unique";`);
    this.addSql(`alter table if exists "moota_notification_log" drop constraint if exists "moota_notification_log_key_unique";`);
    this.addSql(`alter table if exists "moota_inbox_mutation" drop constraint if exists "moota_inbox_mutation_bank_mutation_unique";`);
    this.addSql(`alter table if exists "moota_bank_refresh" drop constraint if exists "moota_bank_refresh_bank_id_unique";`);
    this.addSql(`alter table if exists "moota_amount_hold" drop constraint if exists "moota_amount_hold_active_unique";`);
    this.addSql(`create table if not exists "moota_amount_hold" ("id" text not null, "reservation_id" text not null, "bank_id" text not null, "amount" integer not null, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_amount_hold_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_amount_hold_deleted_at" ON "moota_amount_hold" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_amount_hold_active_unique" ON "moota_amount_hold" ("bank_id", "amount") WHERE active = true AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_amount_hold_reservation_id" ON "moota_amount_hold" ("reservation_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "moota_audit_log" ("id" text not null, "actor_id" text not null, "action" text not null, "subject_id" text not null, "note" text null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_audit_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_audit_log_deleted_at" ON "moota_audit_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_audit_log_subject_id" ON "moota_audit_log" ("subject_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "moota_bank_refresh" ("id" text not null, "bank_id" text not null, "last_refresh_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_bank_refresh_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_bank_refresh_bank_id_unique" ON "moota_bank_refresh" ("bank_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_bank_refresh_deleted_at" ON "moota_bank_refresh" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "moota_inbox_mutation" ("id" text not null, "bank_id" text not null, "mutation_id" text not null, "type" text not null, "amount" integer null, "amount_raw" text not null, "account_number_masked" text null, "description" text null, "mutation_date" timestamptz null, "payment_detail" jsonb null, "source" text check ("source" in ('webhook', 'reconcile', 'manual')) not null, "status" text check ("status" in ('pending', 'matched', 'processed')) not null default 'pending', "outcome" text null, "reservation_id" text null, "attempts" integer not null default 0, "last_error" text null, "processed_at" timestamptz null, "write_back_status" text check ("write_back_status" in ('none', 'pending', 'done', 'failed')) not null default 'none', "write_back_error" text null, "write_back_attempts" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_inbox_mutation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_inbox_mutation_deleted_at" ON "moota_inbox_mutation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_inbox_mutation_bank_mutation_unique" ON "moota_inbox_mutation" ("bank_id", "mutation_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_inbox_mutation_status" ON "moota_inbox_mutation" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_inbox_mutation_write_back_status" ON "moota_inbox_mutation" ("write_back_status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "moota_notification_log" ("id" text not null, "key" text not null, "event" text not null, "channel" text not null, "template" text not null, "to" text not null, "status" text check ("status" in ('pending', 'sent', 'failed')) not null default 'pending', "attempts" integer not null default 0, "last_error" text null, "data" jsonb null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_notification_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_notification_log_deleted_at" ON "moota_notification_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_notification_log_key_unique" ON "moota_notification_log" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_notification_log_status" ON "moota_notification_log" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "moota_reservation" ("id" text not null, "session_id" text not null, "status" text check ("status" in ('awaiting', 'quarantined', 'paid', 'expired', 'released')) not null default 'awaiting', "currency_code" text not null, "order_total" integer not null, "unique_code" integer not null, "code_mode" text check ("code_mode" in ('increase', 'decrease')) not null, "transfer_amount" integer not null, "bank_ids" jsonb not null, "expires_at" timestamptz not null, "quarantine_until" timestamptz null, "order_id" text null, "paid_at" timestamptz null, "paid_bank_id" text null, "paid_mutation_id" text null, "received_amount" integer null, "released_at" timestamptz null, "release_reason" text null, "refunds" jsonb null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_reservation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_reservation_deleted_at" ON "moota_reservation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_reservation_session_id_unique" ON "moota_reservation" ("session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_reservation_status_expires_at" ON "moota_reservation" ("status", "expires_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_reservation_order_id" ON "moota_reservation" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "moota_review_item" ("id" text not null, "inbox_mutation_id" text not null, "reason" text check ("reason" in ('unmatched', 'ambiguous', 'before_reservation', 'expired', 'canceled', 'already_paid', 'invalid_amount')) not null, "status" text check ("status" in ('open', 'resolved', 'dismissed')) not null default 'open', "bank_id" text not null, "mutation_id" text not null, "amount" integer null, "reservation_id" text null, "candidate_reservation_ids" jsonb null, "order_id" text null, "detail" text null, "resolution" text null, "resolved_by" text null, "resolved_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_review_item_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_review_item_deleted_at" ON "moota_review_item" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_review_item_inbox_unique" ON "moota_review_item" ("inbox_mutation_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_review_item_status" ON "moota_review_item" ("status") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moota_amount_hold" cascade;`);

    this.addSql(`drop table if exists "moota_audit_log" cascade;`);

    this.addSql(`drop table if exists "moota_bank_refresh" cascade;`);

    this.addSql(`drop table if exists "moota_inbox_mutation" cascade;`);

    this.addSql(`drop table if exists "moota_notification_log" cascade;`);

    this.addSql(`drop table if exists "moota_reservation" cascade;`);

    this.addSql(`drop table if exists "moota_review_item" cascade;`);
  }

}
