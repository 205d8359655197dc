import { createHmac, type KeyObject } from 'node:crypto';

/** Why a submission was refused, and when to try again. */
export interface RateRefusal {
  scope: 'client' | 'site';
  retryAfterSeconds: number;
}

/** A keyed hash of the client's address: the IP itself is never stored. */
export function clientHash(address: string, key: KeyObject): string {
  return createHmac('sha256', key).update(address).digest('base64url');
}
