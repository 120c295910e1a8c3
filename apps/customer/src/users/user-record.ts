import { AuditEntryRecord, UserRecord } from '@app/contracts';

import { LoginAudit } from '../audit/login-audit.entity';
import { maskPhone } from './phone-mask';
import { CommonUser } from './user.entity';
import { UserIdentity } from './user-identity.entity';

export function toUserRecord(user: CommonUser, identities: UserIdentity[]): UserRecord {
  return {
    id: user.id.toString(),
    status: user.status,
    lockReason: user.accountLockReason,
    nickname: user.nickname,
    avatar: user.avatar,
    phoneMasked: maskPhone(user.phone),
    phoneCountryCode: user.phoneCountryCode,
    unionid: user.unionId,
    identities: identities.map(({ appid, openid, unionid }) => ({ appid, openid, unionid })),
    deleted: user.isDeleted !== 0,
    createdAt: user.createTime?.toISOString() ?? null,
  };
}

export function toAuditEntryRecord(entry: LoginAudit): AuditEntryRecord {
  return {
    at: entry.createTime.toISOString(),
    action: entry.action,
    outcome: entry.outcome,
    appid: entry.appid,
    openidHash: entry.openidHash,
    clientIp: entry.clientIp,
    userAgent: entry.userAgent,
    requestId: entry.requestId,
  };
}
