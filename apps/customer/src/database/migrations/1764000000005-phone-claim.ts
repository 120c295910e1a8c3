import { MigrationInterface, QueryRunner } from 'typeorm';

import { exactCollation } from './1764000000004-account-lifecycle';

/**
 * PHONE_UNIQUE without a race: `common_user.phone_claim` under a unique index,
 * written by the statement that binds a number (see CommonUser.phoneClaim).
 * Existing numbers are claimed here: each number of a live user by the user
 * who holds it, or, when several live users already share one (bound while
 * PHONE_UNIQUE was false), by the first of them (the lowest id); the others
 * keep their phone, unclaimed, and nobody loses one. The claim compares
 * exactly (a binary collation without padding, as open_id's, and as SQLite
 * compares): two values the backfill tells apart are never one in the index.
 * Every step checks first, so a rerun goes on where the last one stopped.
 */
export class PhoneClaim1764000000005 implements MigrationInterface {
  name = 'PhoneClaim1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('common_user');
    if (!table) throw new Error('common_user does not exist; the earlier migrations did not run');
    if (!table.findColumnByName('phone_claim')) {
      const collation = await exactCollation(queryRunner);
      await queryRunner.query(
        `ALTER TABLE \`common_user\` ADD COLUMN \`phone_claim\` varchar(32) CHARACTER SET utf8mb4 COLLATE ${collation} NULL AFTER \`phone_country_code\``,
      );
    }
    const indexes = (await queryRunner.query(
      "SHOW INDEX FROM `common_user` WHERE Key_name = 'uk_common_user_phone_claim'",
    )) as unknown[];
    if (indexes.length > 0) return;
    // One claim per group of the phone column's own collation: at most one per exact value.
    // The seed's phone column may be wider than the claim: longer numbers stay unclaimed.
    await queryRunner.query(`
      UPDATE \`common_user\` u
        JOIN (SELECT MIN(\`id\`) AS \`id\` FROM \`common_user\`
               WHERE \`is_deleted\` = 0 AND \`phone\` IS NOT NULL AND \`phone\` <> ''
                 AND CHAR_LENGTH(\`phone\`) <= 32
               GROUP BY \`phone\`) f ON f.\`id\` = u.\`id\`
         SET u.\`phone_claim\` = u.\`phone\`
       WHERE u.\`phone_claim\` IS NULL
    `);
    await queryRunner.query(
      'ALTER TABLE `common_user` ADD UNIQUE INDEX `uk_common_user_phone_claim` (`phone_claim`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `common_user` DROP INDEX `uk_common_user_phone_claim`');
    await queryRunner.query('ALTER TABLE `common_user` DROP COLUMN `phone_claim`');
  }
}
