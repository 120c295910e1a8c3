import { CreateCommonUser1764000000000 } from './1764000000000-create-common-user';
import { UpgradeSeedCommonUser1764000000001 } from './1764000000001-upgrade-seed-common-user';
import { CreateWorkerIdLease1764000000002 } from './1764000000002-create-worker-id-lease';
import { CaseSensitiveWechatIds1764000000003 } from './1764000000003-case-sensitive-wechat-ids';
import { AccountLifecycle1764000000004 } from './1764000000004-account-lifecycle';
import { PhoneClaim1764000000005 } from './1764000000005-phone-claim';

/** MySQL migrations in the order they apply. */
export const mysqlMigrations = [
  CreateCommonUser1764000000000,
  UpgradeSeedCommonUser1764000000001,
  CreateWorkerIdLease1764000000002,
  CaseSensitiveWechatIds1764000000003,
  AccountLifecycle1764000000004,
  PhoneClaim1764000000005,
];
