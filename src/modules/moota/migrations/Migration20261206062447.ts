import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206062447 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "moota_request_window" ("id" text not null, "scope" text not null, "address" text not null, "hits" integer not null, "window_end" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "moota_request_window_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_request_window_deleted_at" ON "moota_request_window" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_moota_request_window_key" ON "moota_request_window" ("scope", "address") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_request_window_end" ON "moota_request_window" ("window_end") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moota_request_window" cascade;`);
  }

}
