/** 138****0000: the first three and last four digits; shorter numbers keep only their last two. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length >= 8) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(phone.length - 2, 1))}${phone.slice(-2)}`;
}
