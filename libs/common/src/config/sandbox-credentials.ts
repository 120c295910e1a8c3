/**
 * The appid and secret the WeChat sandbox accepts by default. publics uses the
 * same ones when NODE_ENV=development, so the local stack works with no setup.
 * They open nothing real.
 */
export const SANDBOX_APPID = 'wx5a4d0000sandbox';
export const SANDBOX_SECRET = 'sandbox-secret-for-local-development';
