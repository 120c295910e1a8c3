import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Binary collations that compare every byte and do not pad: MariaDB's, then
 * MySQL 8's. utf8mb4_bin, the last resort, still ignores trailing spaces.
 */
const EXACT_COLLATIONS = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin', 'utf8mb4_bin'];

/**
 * WeChat openids and unionids are case-sensitive, but utf8mb4_unicode_ci made
 * 'oAbC' and 'oabc ' one value, in the unique index and in the lookup: one
 * WeChat user could log in as another. Both columns move to a binary
 * collation, as SQLite compares them; the unique index on open_id stays.
 */
export class CaseSensitiveWechatIds1764000000003 implements MigrationInterface {
  name = 'CaseSensitiveWechatIds1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const available = (await queryRunner.query(
      `SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (?, ?, ?)`,
      EXACT_COLLATIONS,
    )) as { name: string }[];
    const names = available.map((row) => row.name);
    const collation = EXACT_COLLATIONS.find((name) => names.includes(name)) ?? 'utf8mb4_bin';
    await this.setCollation(queryRunner, collation);
  }

  /** Fails if two users hold one openid in different case: they must be told apart first. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await this.setCollation(queryRunner, 'utf8mb4_unicode_ci');
  }

  private async setCollation(queryRunner: QueryRunner, collation: string): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`common_user\`
         MODIFY \`open_id\` varchar(100) CHARACTER SET utf8mb4 COLLATE ${collation} NULL,
         MODIFY \`union_id\` varchar(100) CHARACTER SET utf8mb4 COLLATE ${collation} NULL`,
    );
  }
}
