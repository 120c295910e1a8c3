/** What the image runs, by the name given as its argument; paths are below the dist folder. */
export const RUNNABLE_APPS = {
  customer: 'apps/customer/src/main.js',
  publics: 'apps/publics/src/main.js',
  'wechat-sandbox': 'apps/wechat-sandbox/src/main.js',
  migrate: 'apps/customer/src/database/migrate.js',
} as const;

export type RunnableApp = keyof typeof RUNNABLE_APPS;

export function isRunnableApp(name: string | undefined): name is RunnableApp {
  return name !== undefined && Object.hasOwn(RUNNABLE_APPS, name);
}
