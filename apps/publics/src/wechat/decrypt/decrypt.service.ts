import { DecryptResult, PublicsErrorCode } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { PublicsException } from '../../errors/publics.exception';
import { WechatApp } from '../apps/wechat-apps';
import { SessionKeyStore } from '../session-keys/session-key.store';
import { contractError } from '../wechat-errors';
import { DecryptFailure, decryptWechatData } from './wechat-data.cipher';

const errorCodeOf: Record<DecryptFailure, PublicsErrorCode> = {
  'bad-input': PublicsErrorCode.INVALID_PAYLOAD,
  'wrong-key': PublicsErrorCode.DECRYPT_WRONG_KEY,
  'bad-padding': PublicsErrorCode.DECRYPT_BAD_PADDING,
  'bad-json': PublicsErrorCode.DECRYPT_BAD_JSON,
};

/** Opens data encrypted with a user's session_key, and checks it was meant for this mini-program. */
@Injectable()
export class DecryptService {
  private readonly logger = new Logger(DecryptService.name);

  constructor(private readonly sessionKeys: SessionKeyStore) {}

  async decrypt(
    app: WechatApp,
    openid: string,
    encryptedData: string,
    iv: string,
  ): Promise<DecryptResult> {
    const sessionKey = await this.sessionKeys.find(app.appid, openid);
    if (sessionKey === undefined) {
      throw new PublicsException(contractError(PublicsErrorCode.SESSION_KEY_NOT_FOUND));
    }
    const outcome = decryptWechatData(sessionKey, encryptedData, iv);
    if (!outcome.ok) {
      const code = errorCodeOf[outcome.failure];
      this.logger.warn(
        { appid: app.appid, errorCode: code },
        `Could not decrypt: ${outcome.detail}`,
      );
      throw new PublicsException(contractError(code, outcome.detail));
    }
    const watermark = outcome.data.watermark as { appid?: unknown } | undefined;
    if (typeof watermark !== 'object' || watermark === null || watermark.appid !== app.appid) {
      this.logger.warn(
        { appid: app.appid, errorCode: PublicsErrorCode.DECRYPT_FOREIGN_APPID },
        'Decrypted data with a foreign or missing watermark',
      );
      throw new PublicsException(
        contractError(
          PublicsErrorCode.DECRYPT_FOREIGN_APPID,
          typeof watermark?.appid === 'string'
            ? `it names ${watermark.appid.slice(0, 64)}, not ${app.appid}`
            : 'it has no watermark.appid',
        ),
      );
    }
    return outcome.data as DecryptResult;
  }
}
