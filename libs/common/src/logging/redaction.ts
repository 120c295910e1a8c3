/** Log paths that never reach the output: credentials, WeChat session keys, tokens, login codes. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'secret',
  'session_key',
  'token',
  'js_code',
  '*.secret',
  '*.session_key',
  '*.token',
  '*.js_code',
  '*.authorization',
] as const;
