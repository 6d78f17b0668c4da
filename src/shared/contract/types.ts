import type { ZodType } from 'zod';

/** A subscription to an event; call the returned function to stop listening. */
export type Event<T> = (listener: (payload: T) => void) => Disposer;
export type Disposer = () => void;

/** Describes one service at runtime: the input schema of each method and the names of its events. */
export interface ServiceDescriptor<M extends string = string, E extends string = string> {
  readonly methods: Readonly<Record<M, ZodType>>;
  readonly events: readonly E[];
}

export function defineService<M extends string, E extends string>(
  descriptor: ServiceDescriptor<M, E>,
): ServiceDescriptor<M, E> {
  return descriptor;
}
