import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126051026 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_moota_reservation_transfer_amount" ON "moota_reservation" ("transfer_amount") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_moota_reservation_transfer_amount";`);
  }

}
