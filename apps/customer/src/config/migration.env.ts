import { createEnvValidator } from '@app/common';
import { IsString, Matches } from 'class-validator';

/** What `npm run migration:run` needs: only the MySQL database. */
export class MigrationEnv {
  @IsString({ message: 'DATABASE_URL is required: mysql://user:pass@host:port/database' })
  @Matches(/^mysql:\/\/[^/]+\/[^/?]+/, {
    message: 'DATABASE_URL must look like mysql://user:pass@host:port/database',
  })
  DATABASE_URL!: string;
}

export const validateMigrationEnv = createEnvValidator(MigrationEnv);

export function migrationDatabaseUrl(): string {
  return validateMigrationEnv(process.env).DATABASE_URL;
}
