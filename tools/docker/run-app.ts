import { join } from 'node:path';

import { isRunnableApp, RUNNABLE_APPS } from './apps';

/** The image's entry point: `docker run IMAGE customer|publics|wechat-sandbox|migrate`. */
const name = process.argv[2];
if (!isRunnableApp(name)) {
  console.error(
    `Usage: <image> ${Object.keys(RUNNABLE_APPS).join('|')} (got ${name ?? 'nothing'})`,
  );
  process.exit(2);
}
void import(join(__dirname, '..', '..', RUNNABLE_APPS[name]));
