import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201112528 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "moota_payment_claim" ("id" text not null, "reservation_id" text not null, "order_id" text not null, "amount" integer not null, "bank" text not null, "sender_name" text not null, "transferred_at" timestamptz not null, "proof_mime" text null, "proof_size" integer null, "proof_data" text null, "alerted_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_payment_claim_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_payment_claim_deleted_at" ON "moota_payment_claim" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_payment_claim_reservation" ON "moota_payment_claim" ("reservation_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_payment_claim_order" ON "moota_payment_claim" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moota_payment_claim" cascade;`);
  }

}
