import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201113724 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "moota_transaction" drop constraint if exists "moota_transaction_reference_unique";`);
    this.addSql(`alter table if exists "moota_transaction" drop constraint if exists "moota_transaction_live_session_unique";`);
    this.addSql(`create table if not exists "moota_transaction" ("id" text not null, "session_id" text not null, "reservation_id" text not null, "reference" text not null, "trx_id" text not null, "bank_id" text not null, "kind" text check ("kind" in ('moota_va', 'moota_qris')) not null, "status" text check ("status" in ('live', 'replaced')) not null default 'live', "total" integer not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_transaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_transaction_deleted_at" ON "moota_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_transaction_live_session_unique" ON "moota_transaction" ("session_id") WHERE status = 'live' AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_transaction_reference_unique" ON "moota_transaction" ("reference") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_transaction_trx_id" ON "moota_transaction" ("trx_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "moota_review_item" drop constraint if exists "moota_review_item_reason_check";`);

    this.addSql(`alter table if exists "moota_review_item" add constraint "moota_review_item_reason_check" check("reason" in ('unmatched', 'ambiguous', 'before_reservation', 'expired', 'canceled', 'already_paid', 'invalid_amount', 'amount_mismatch', 'unknown_transaction', 'replaced_transaction'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moota_transaction" cascade;`);

    this.addSql(`alter table if exists "moota_review_item" drop constraint if exists "moota_review_item_reason_check";`);

    this.addSql(`alter table if exists "moota_review_item" add constraint "moota_review_item_reason_check" check("reason" in ('unmatched', 'ambiguous', 'before_reservation', 'expired', 'canceled', 'already_paid', 'invalid_amount'));`);
  }

}
