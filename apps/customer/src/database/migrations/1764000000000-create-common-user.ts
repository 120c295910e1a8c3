import { MigrationInterface, QueryRunner } from 'typeorm';

/** common_user as the seed project had it, plus union_id and a unique open_id. UTC times, utf8mb4. */
export class CreateCommonUser1764000000000 implements MigrationInterface {
  name = 'CreateCommonUser1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS \`common_user\` (
        \`id\` bigint NOT NULL,
        \`status\` int NOT NULL DEFAULT 0,
        \`nickname\` varchar(64) NULL,
        \`phone\` varchar(32) NULL,
        \`avatar\` varchar(512) NULL,
        \`open_id\` varchar(100) NULL,
        \`union_id\` varchar(100) NULL,
        \`account_lock_reason\` varchar(255) NULL,
        \`create_time\` datetime NULL,
        \`update_time\` datetime NULL,
        \`is_deleted\` int NOT NULL DEFAULT 0,
        PRIMARY KEY (\`id\`),
        UNIQUE KEY \`uk_common_user_open_id\` (\`open_id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `common_user`');
  }
}
