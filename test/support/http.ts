export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A real HTTP request with a JSON (or raw string) body; the answer's body parsed as JSON. */
export async function request<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    body = text as unknown as T;
  }
  return { status: response.status, headers: response.headers, body };
}

export interface MintOptions {
  user: string;
  /** The mini-program the code is for (default: the sandbox's WECHAT_SANDBOX_APPID). */
  appid?: string;
  errcode?: number;
  failures?: number;
  delayMs?: number;
}

/** A fresh wx.login-like code from the sandbox. */
export async function mintCode(
  sandboxUrl: string,
  options: MintOptions,
): Promise<{ code: string; openid: string }> {
  const { status, body } = await request<{ code: string; openid: string }>(
    `${sandboxUrl}/sandbox/codes`,
    {
      body: options,
    },
  );
  if (status !== 201)
    throw new Error(`minting a sandbox code failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** The JWT's payload, unverified (tests verify the signature separately). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The one error shape customer answers with. */
export function expectError(
  response: { status: number; body: unknown },
  status: number,
  code: string,
): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: { statusCode: status, code, message: expect.any(String) },
  });
}
