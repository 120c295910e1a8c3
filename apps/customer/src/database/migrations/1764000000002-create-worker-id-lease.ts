import { MigrationInterface, QueryRunner } from 'typeorm';

/** Leases of snowflake WORKER_IDs, so two live instances never share one. */
export class CreateWorkerIdLease1764000000002 implements MigrationInterface {
  name = 'CreateWorkerIdLease1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS \`worker_id_lease\` (
        \`worker_id\` int NOT NULL,
        \`owner\` varchar(128) NOT NULL,
        \`expires_at\` bigint NOT NULL,
        PRIMARY KEY (\`worker_id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `worker_id_lease`');
  }
}
