import { eventChannels, methodChannels } from '../../shared/contract';

/** The channels the preload lets through: exactly the contract's. */
export const allowedMethods: ReadonlySet<string> = new Set(methodChannels());
export const allowedEvents: ReadonlySet<string> = new Set(eventChannels());
