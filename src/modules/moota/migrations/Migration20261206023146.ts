import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206023146 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "moota_inbox_mutation" add column if not exists "lease_owner" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "moota_inbox_mutation" drop column if exists "lease_owner";`);
  }

}
