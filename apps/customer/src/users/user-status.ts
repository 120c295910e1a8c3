/** common_user.status, as the seed project stored it. */
export const UserStatus = {
  Normal: 0,
  Frozen: 1,
} as const;

export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];
