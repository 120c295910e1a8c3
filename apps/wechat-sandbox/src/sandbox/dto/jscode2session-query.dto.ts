/**
 * The query of `GET /sns/jscode2session`, read as leniently as WeChat reads it:
 * unknown parameters are ignored, and an empty or repeated parameter counts as
 * missing. It is deliberately not a class, so the global ValidationPipe (which
 * refuses unknown fields) leaves it alone.
 */
export interface Jscode2SessionQuery {
  appid?: string;
  secret?: string;
  js_code?: string;
  grant_type?: string;
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function readJscode2SessionQuery(raw: Record<string, unknown>): Jscode2SessionQuery {
  return {
    appid: single(raw.appid),
    secret: single(raw.secret),
    js_code: single(raw.js_code),
    grant_type: single(raw.grant_type),
  };
}
