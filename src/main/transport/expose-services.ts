import { z } from 'zod';
import { contract, type Contract } from '../../shared/contract';
import { AppError, serializeError, type SerializedError } from '../../shared/rpc/errors';

export type InvokeResult = { ok: true; result: unknown } | { ok: false; error: SerializedError };

/** The contract turned into callable channels; shared by the IPC and WebSocket adapters. */
export interface ExposedServices {
  /** Every `<service>.<method>` channel with a handler. */
  readonly methodChannels: readonly string[];
  /** Every `<service>.<event>` channel that is forwarded. */
  readonly eventChannels: readonly string[];
  /** Validates `args` against the contract schema, calls the handler and serialises any error. */
  invoke(channel: string, args: unknown): Promise<InvokeResult>;
  /** Subscribes to every event of every service; returns one disposer. */
  subscribeAll(listener: (channel: string, payload: unknown) => void): () => void;
}

type Handler = (args: unknown) => Promise<unknown>;

/**
 * Registers one handler per contract method, generically (like vscode's ProxyChannel.fromService):
 * a service cannot expose a method the contract does not name, and every input is validated.
 */
export function exposeServices(services: Contract): ExposedServices {
  const handlers = new Map<string, Handler>();
  const events: { channel: string; subscribe: (l: (p: unknown) => void) => () => void }[] = [];

  for (const [serviceName, descriptor] of Object.entries(contract)) {
    const service = services[serviceName as keyof Contract] as unknown as Record<string, unknown>;
    for (const [method, schema] of Object.entries(descriptor.methods)) {
      const fn = service[method];
      if (typeof fn !== 'function') throw new Error(`service ${serviceName} has no method ${method}`);
      handlers.set(`${serviceName}.${method}`, async (args) => {
        const parsed = (schema as z.ZodType).safeParse(args);
        if (!parsed.success) {
          throw new AppError(
            'INVALID_ARGUMENT',
            `${serviceName}.${method}: ${z.prettifyError(parsed.error)}`,
          );
        }
        return fn.call(service, parsed.data);
      });
    }
    for (const event of descriptor.events as readonly string[]) {
      const subscribe = service[event];
      if (typeof subscribe !== 'function') throw new Error(`service ${serviceName} has no event ${event}`);
      events.push({
        channel: `${serviceName}.${event}`,
        subscribe: (listener) =>
          (subscribe as (l: (p: unknown) => void) => () => void).call(service, listener),
      });
    }
  }

  return {
    methodChannels: [...handlers.keys()],
    eventChannels: events.map((e) => e.channel),
    async invoke(channel, args) {
      const handler = handlers.get(channel);
      try {
        if (!handler)
          throw new AppError('UNKNOWN_CHANNEL', `unknown channel: ${String(channel).slice(0, 100)}`);
        return { ok: true, result: await handler(args) };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    },
    subscribeAll(listener) {
      const disposers = events.map((e) => e.subscribe((payload) => listener(e.channel, payload)));
      return () => disposers.forEach((d) => d());
    },
  };
}
