import { MigrationInterface, QueryRunner } from 'typeorm';

/** The same exact (binary, no-pad) collations CaseSensitiveWechatIds chose from, best first. */
const EXACT_COLLATIONS = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin', 'utf8mb4_bin'];

interface DuplicateUnionId {
  union_id: string;
  ids: string;
}

/**
 * The account's whole life: token_version (revocation), phone_country_code,
 * one user per unionid, the identity table (several mini-programs per user)
 * and the audit trail. Existing users keep their rows as they are: none is
 * merged, none loses a field. Their identity rows are not written here (the
 * migration does not know the seed's appid): customer adopts a user whose
 * open_id matches at that user's next login. Every step checks first, so a
 * rerun goes on where the last one stopped.
 */
export class AccountLifecycle1764000000004 implements MigrationInterface {
  name = 'AccountLifecycle1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('common_user');
    if (!table) throw new Error('common_user does not exist; the earlier migrations did not run');
    if (!table.findColumnByName('token_version')) {
      await queryRunner.query(
        'ALTER TABLE `common_user` ADD COLUMN `token_version` int NOT NULL DEFAULT 0',
      );
    }
    if (!table.findColumnByName('phone_country_code')) {
      await queryRunner.query(
        'ALTER TABLE `common_user` ADD COLUMN `phone_country_code` varchar(8) NULL AFTER `phone`',
      );
    }
    await this.uniqueUnionId(queryRunner);

    const collation = await exactCollation(queryRunner);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS \`common_user_identity\` (
        \`appid\` varchar(64) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL,
        \`openid\` varchar(100) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL,
        \`user_id\` bigint NOT NULL,
        \`unionid\` varchar(100) CHARACTER SET utf8mb4 COLLATE ${collation} NULL,
        \`create_time\` datetime NULL,
        PRIMARY KEY (\`appid\`, \`openid\`),
        KEY \`idx_common_user_identity_user_id\` (\`user_id\`),
        KEY \`idx_common_user_identity_unionid\` (\`unionid\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS \`login_audit\` (
        \`id\` bigint NOT NULL AUTO_INCREMENT,
        \`create_time\` datetime NOT NULL,
        \`user_id\` bigint NULL,
        \`action\` varchar(16) NOT NULL,
        \`outcome\` varchar(40) NOT NULL,
        \`appid\` varchar(64) NULL,
        \`openid_hash\` char(64) NULL,
        \`client_ip\` varchar(45) NULL,
        \`user_agent\` varchar(255) NULL,
        \`request_id\` varchar(128) NULL,
        PRIMARY KEY (\`id\`),
        KEY \`idx_login_audit_user_id\` (\`user_id\`, \`id\`),
        KEY \`idx_login_audit_create_time\` (\`create_time\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS `login_audit`');
    await queryRunner.query('DROP TABLE IF EXISTS `common_user_identity`');
    await queryRunner.query('ALTER TABLE `common_user` DROP INDEX `uk_common_user_union_id`');
    await queryRunner.query('ALTER TABLE `common_user` DROP COLUMN `phone_country_code`');
    await queryRunner.query('ALTER TABLE `common_user` DROP COLUMN `token_version`');
  }

  /**
   * Two users with one unionid are one person split in two: the index cannot be
   * added until a person decides, so they are listed and nothing is changed.
   */
  private async uniqueUnionId(queryRunner: QueryRunner): Promise<void> {
    const indexes = (await queryRunner.query(
      "SHOW INDEX FROM `common_user` WHERE Key_name = 'uk_common_user_union_id'",
    )) as unknown[];
    if (indexes.length > 0) return;
    const duplicates = (await queryRunner.query(
      `SELECT union_id, GROUP_CONCAT(id ORDER BY id SEPARATOR ', ') AS ids
         FROM common_user WHERE union_id IS NOT NULL
        GROUP BY union_id HAVING COUNT(*) > 1 ORDER BY MIN(id)`,
    )) as DuplicateUnionId[];
    if (duplicates.length > 0) {
      const list = duplicates
        .map((row) => `  union_id ${row.union_id}: users ${row.ids}`)
        .join('\n');
      throw new Error(
        `common_user has ${duplicates.length} union_id value(s) held by more than one user:\n${list}\n` +
          'Keep one user per union_id (merge them, or clear the union_id of the others), then run the migrations again. ' +
          'No user was changed.',
      );
    }
    await queryRunner.query(
      'ALTER TABLE `common_user` ADD UNIQUE INDEX `uk_common_user_union_id` (`union_id`)',
    );
  }
}

/** The best exact (binary) collation the server has; PhoneClaim uses it too. */
export async function exactCollation(queryRunner: QueryRunner): Promise<string> {
  const available = (await queryRunner.query(
    'SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (?, ?, ?)',
    EXACT_COLLATIONS,
  )) as { name: string }[];
  const names = available.map((row) => row.name);
  return EXACT_COLLATIONS.find((name) => names.includes(name)) ?? 'utf8mb4_bin';
}
