import { CreateCommonUser1764000000000 } from './1764000000000-create-common-user';

/** MySQL migrations in the order they apply. */
export const mysqlMigrations = [CreateCommonUser1764000000000];
