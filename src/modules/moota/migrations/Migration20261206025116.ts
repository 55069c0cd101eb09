import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206025116 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "moota_refund" drop constraint if exists "moota_refund_sent_inbox_unique";`);
    this.addSql(`alter table if exists "moota_refund" drop constraint if exists "moota_refund_refund_id_unique";`);
    this.addSql(`create table if not exists "moota_refund" ("id" text not null, "refund_id" text not null, "reservation_id" text null, "session_id" text null, "order_id" text null, "amount" integer not null, "paid_amount" integer null, "paid_left" integer null, "buyer_bank" text null, "buyer_name" text null, "note" text not null, "status" text check ("status" in ('to_send', 'sent')) not null default 'to_send', "sent_at" timestamptz null, "sent_by" text null, "sent_inbox_id" text null, "sent_note" text null, "alerted_at" timestamptz null, "buyer_notified_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_refund_deleted_at" ON "moota_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_refund_refund_id_unique" ON "moota_refund" ("refund_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_refund_sent_inbox_unique" ON "moota_refund" ("sent_inbox_id") WHERE sent_inbox_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_refund_status_amount" ON "moota_refund" ("status", "amount") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_refund_order" ON "moota_refund" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moota_refund" cascade;`);
  }

}
