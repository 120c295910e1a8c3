import { MigrationInterface, QueryRunner } from 'typeorm';

interface DuplicateOpenId {
  open_id: string;
  ids: string;
}

/**
 * Brings a common_user table made by the seed's Java project up to date: adds
 * union_id, moves the table to utf8mb4, and adds the unique index on open_id.
 * The seed could store one openid twice (its first login raced); such rows are
 * reported with their ids and the index waits until a person resolves them.
 * No user is ever deleted here. Every step checks first, so a rerun goes on
 * where the last one stopped.
 */
export class UpgradeSeedCommonUser1764000000001 implements MigrationInterface {
  name = 'UpgradeSeedCommonUser1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('common_user');
    if (!table)
      throw new Error('common_user does not exist; the migration that creates it did not run');

    if (!table.findColumnByName('union_id')) {
      await queryRunner.query(
        'ALTER TABLE `common_user` ADD COLUMN `union_id` varchar(100) NULL AFTER `open_id`',
      );
    }

    const [{ charset }] = (await queryRunner.query(
      `SELECT CCSA.CHARACTER_SET_NAME AS charset
         FROM information_schema.TABLES T
         JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA ON CCSA.COLLATION_NAME = T.TABLE_COLLATION
        WHERE T.TABLE_SCHEMA = DATABASE() AND T.TABLE_NAME = 'common_user'`,
    )) as { charset: string }[];
    if (charset !== 'utf8mb4') {
      await queryRunner.query(
        'ALTER TABLE `common_user` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      );
    }

    const indexes = (await queryRunner.query(
      "SHOW INDEX FROM `common_user` WHERE Column_name = 'open_id' AND Non_unique = 0",
    )) as unknown[];
    if (indexes.length > 0) return;

    const duplicates = (await queryRunner.query(
      `SELECT open_id, GROUP_CONCAT(id ORDER BY id SEPARATOR ', ') AS ids
         FROM common_user WHERE open_id IS NOT NULL
        GROUP BY open_id HAVING COUNT(*) > 1 ORDER BY MIN(id)`,
    )) as DuplicateOpenId[];
    if (duplicates.length > 0) {
      const list = duplicates.map((row) => `  open_id ${row.open_id}: users ${row.ids}`).join('\n');
      throw new Error(
        `common_user has ${duplicates.length} open_id value(s) held by more than one user:\n${list}\n` +
          'Keep one user per open_id (merge or delete the others, or clear their open_id), then run the migrations again. ' +
          'The unique index on open_id is not added until then; no user was changed.',
      );
    }
    await queryRunner.query(
      'ALTER TABLE `common_user` ADD UNIQUE INDEX `uk_common_user_open_id` (`open_id`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `common_user` DROP INDEX `uk_common_user_open_id`');
  }
}
