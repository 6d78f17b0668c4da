import {
  internalParams,
  internalPath,
  toInternalJson,
  toWireJson,
} from '../../sync/dolphinscheduler/api-version';
import type { DsEmulatorState } from './state';

/**
 * The emulator's edge for the API line it plays (spec §10): handlers speak 3.2 names, a `3.3`
 * server receives and answers the renamed paths, parameters and JSON keys.
 */

const JSON_PARAMS = ['taskDefinitionJson', 'taskRelationJson'];

/** 3.3 drops the trailing `/` of directories; the store keeps it. */
function directoryPath(state: DsEmulatorState, value: string): string {
  return value && !value.endsWith('/') && state.resources.get(`${value}/`)?.directory ? `${value}/` : value;
}

/** The internal path and parameters of a request, or undefined when the path belongs to the other line. */
export function incomingRequest(
  state: DsEmulatorState,
  path: string,
  params: URLSearchParams,
): { path: string; params: URLSearchParams } | undefined {
  const internal = internalPath(state.profile, path);
  if (internal === undefined) return undefined;
  if (state.profile === '3.2') return { path: internal, params };
  const out = internalParams(state.profile, params);
  for (const name of JSON_PARAMS) {
    const text = out.get(name);
    if (text === null) continue;
    try {
      out.set(name, JSON.stringify(toInternalJson(state.profile, JSON.parse(text))));
    } catch {
      // left as sent: the handler answers the unparsable value
    }
  }
  if (internal.startsWith('/resources'))
    for (const name of ['fullName', 'currentDir']) {
      const v = out.get(name);
      if (v !== null) out.set(name, directoryPath(state, v));
    }
  return { path: internal, params: out };
}

/** Response data as the played line spells it. */
export function outgoingData(state: DsEmulatorState, data: unknown): unknown {
  return toWireJson(state.profile, data);
}

/** `Content-Disposition` of a download (3.3 leaves the name unquoted). */
export function attachmentHeader(state: DsEmulatorState, fileName: string): string {
  return state.profile === '3.3' ? `attachment;filename=${fileName}` : `attachment; filename="${fileName}"`;
}
