import { getMetadataStorage } from 'class-validator';

import { CustomerEnv } from '../apps/customer/src/config/customer.env';
import { MigrationEnv } from '../apps/customer/src/config/migration.env';
import { PublicsEnv } from '../apps/publics/src/config/publics.env';
import { SandboxEnv } from '../apps/wechat-sandbox/src/config/sandbox.env';
import { markdownTable, readDoc } from './support/markdown';

const page = readDoc('docs/configuration.md');

const apps = {
  customer: CustomerEnv,
  publics: PublicsEnv,
  sandbox: SandboxEnv,
} as const;

type AppName = keyof typeof apps;

/** The variables an env class validates (its class-validator metadata, inherited ones included). */
function configKeys(envClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

const rows = markdownTable(page, '## Variables').map(([name, app, defaultCell]) => ({
  name: name.replace(/`/g, ''),
  apps: (app === 'all' ? Object.keys(apps) : app.split(', ')) as AppName[],
  defaultCell,
}));

/** What a default cell says the default is: its leading `value`, or undefined for "unset" / "development only". */
function documentedDefault(cell: string): string | undefined {
  const literal = /^`([^`]*)`/.exec(cell);
  return literal ? literal[1] : undefined;
}

describe('docs/configuration.md variable table', () => {
  it.each(Object.keys(apps) as AppName[])(
    'lists exactly the variables the %s config class validates',
    (app) => {
      const documented = rows
        .filter((row) => row.apps.includes(app))
        .map((row) => row.name)
        .sort();

      expect(documented).toEqual(configKeys(apps[app]));
    },
  );

  it('lists the variables of npm run migration:run as customer variables', () => {
    const customer = rows.filter((row) => row.apps.includes('customer')).map((row) => row.name);

    expect(configKeys(MigrationEnv).filter((key) => !customer.includes(key))).toEqual([]);
  });

  it("gives each variable the default its app's config class applies", () => {
    const mismatches = rows.flatMap((row) =>
      row.apps.flatMap((app) => {
        const actual = (new apps[app]() as unknown as Record<string, unknown>)[row.name];
        const expected = documentedDefault(row.defaultCell);
        return (actual === undefined ? undefined : String(actual)) === expected
          ? []
          : [`${row.name} (${app}): docs ${row.defaultCell}, code ${String(actual)}`];
      }),
    );

    expect(rows.length).toBeGreaterThan(20);
    expect(mismatches).toEqual([]);
  });
});
