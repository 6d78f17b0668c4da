import { contract, type Contract, type ServiceName } from '../contract';
import type { Transport } from './protocol';

/**
 * A typed proxy over a transport: `client.workspace.readFile({path})` invokes
 * `workspace.readFile`; `client.workspace.onDidChangeFiles(listener)` subscribes to that event.
 */
export function createClient(transport: Transport): Contract {
  const client = {} as Record<string, Record<string, unknown>>;
  for (const [service, descriptor] of Object.entries(contract)) {
    const proxy: Record<string, unknown> = {};
    for (const method of Object.keys(descriptor.methods)) {
      proxy[method] = (args?: unknown) => transport.invoke(`${service}.${method}`, args);
    }
    for (const event of descriptor.events as readonly string[]) {
      proxy[event] = (listener: (payload: unknown) => void) => transport.on(`${service}.${event}`, listener);
    }
    client[service as ServiceName] = proxy;
  }
  return client as unknown as Contract;
}
