import { Controller, Get, Header, Inject } from '@nestjs/common';

import { SigningKeys } from './signing-keys';
import { SIGNING_KEYS } from './token.service';

/** Public keys other services verify tokens with (empty while tokens are HS256 with a shared secret). */
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(SIGNING_KEYS) private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: SigningKeys['published'][number]['jwk'][] } {
    return { keys: this.keys.published.map((key) => key.jwk) };
  }
}
