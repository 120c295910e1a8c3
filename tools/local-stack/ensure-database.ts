import mysql from 'mysql2/promise';

/**
 * For `npm start` on MySQL: creates the database DATABASE_URL names when it is
 * missing (utf8mb4), so `DATABASE_URL=mysql://root@127.0.0.1:3306/app npm start`
 * works on a fresh server. Production creates its database on purpose instead.
 */
export async function ensureMysqlDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[\w$]{1,64}$/.test(name)) {
    throw new Error(`Not creating database "${name}": use letters, digits, _ or $ only`);
  }
  url.pathname = '/';
  const connection = await mysql.createConnection({ uri: url.toString() });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}
