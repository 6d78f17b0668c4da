import { createHash } from 'node:crypto';
import path from 'node:path';
import type { WorkspaceConfig } from '../../../shared/model';

/** A stable UUID-shaped id derived from a name (the same workspace name gives the same id everywhere). */
export function derivedAppId(name: string): string {
  const h = createHash('sha256').update(`bdp-studio app id\u0000${name}`).digest('hex');
  // Version nibble 5 and the RFC 4122 variant, so it reads as a name-based UUID.
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `${env.APP_CUSTOMER}` and `${env.APP_ID}` of local runs (spec §3.4): bdp.yaml `prerun.appCustomer`
 * / `prerun.appId`, else the workspace name and an id derived from it (docs/decisions.md "Pre-run parity").
 */
export function appIdentity(
  config: WorkspaceConfig | undefined,
  root: string,
): { customer: string; id: string } {
  const name = config?.name ?? path.basename(root);
  return { customer: config?.prerun.appCustomer ?? name, id: config?.prerun.appId ?? derivedAppId(name) };
}
