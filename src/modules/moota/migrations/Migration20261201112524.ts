import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201112524 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "moota_inbox_mutation" add column if not exists "claimed_until" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_inbox_mutation_pending_created_at" ON "moota_inbox_mutation" ("created_at") WHERE status = 'pending' AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_reservation_order_total" ON "moota_reservation" ("order_total") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_moota_inbox_mutation_pending_created_at";`);
    this.addSql(`alter table if exists "moota_inbox_mutation" drop column if exists "claimed_until";`);

    this.addSql(`drop index if exists "IDX_moota_reservation_order_total";`);
  }

}
