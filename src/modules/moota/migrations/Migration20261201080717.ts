import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201080717 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "moota_account_seen" drop constraint if exists "moota_account_seen_bank_id_unique";`);
    this.addSql(`create table if not exists "moota_account_seen" ("id" text not null, "bank_id" text not null, "first_seen_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_account_seen_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_account_seen_bank_id_unique" ON "moota_account_seen" ("bank_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_account_seen_deleted_at" ON "moota_account_seen" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moota_account_seen" cascade;`);
  }

}
