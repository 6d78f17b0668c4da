import { gitDescriptor, type GitService } from './git';
import { nativeHostDescriptor, type NativeHostService } from './native-host';
import { resourcesDescriptor, type ResourcesService } from './resources';
import { searchDescriptor, type SearchService } from './search';
import { runnerDescriptor, type RunnerService } from './runner';
import { settingsDescriptor, type SettingsService } from './settings';
import { syncDescriptor, type SyncService } from './sync';
import { workspaceDescriptor, type WorkspaceService } from './workspace';
import type { ServiceDescriptor } from './types';

export * from './types';
export * from './workspace';
export * from './settings';
export * from './native-host';
export * from './git';
export * from './runner';
export * from './sync';
export * from './resources';
export * from './search';

/** Every service the renderer may call. */
export interface Contract {
  workspace: WorkspaceService;
  settings: SettingsService;
  nativeHost: NativeHostService;
  git: GitService;
  sync: SyncService;
  runner: RunnerService;
  resources: ResourcesService;
  search: SearchService;
}

export type ServiceName = keyof Contract;

/** The runtime form of the contract: one descriptor per service. */
export const contract = {
  workspace: workspaceDescriptor,
  settings: settingsDescriptor,
  nativeHost: nativeHostDescriptor,
  git: gitDescriptor,
  sync: syncDescriptor,
  runner: runnerDescriptor,
  resources: resourcesDescriptor,
  search: searchDescriptor,
} as const satisfies Record<ServiceName, ServiceDescriptor>;

/** `<service>.<method>` for every method in the contract. */
export function methodChannels(): string[] {
  return Object.entries(contract).flatMap(([service, d]) =>
    Object.keys(d.methods).map((m) => `${service}.${m}`),
  );
}

/** `<service>.<event>` for every event in the contract. */
export function eventChannels(): string[] {
  return Object.entries(contract).flatMap(([service, d]) =>
    (d.events as readonly string[]).map((e) => `${service}.${e}`),
  );
}

/** Compile-time check that each descriptor lists exactly the interface's methods and events. */
type MethodKeys<S> = { [K in keyof S]: K extends `onDid${string}` | `onWill${string}` ? never : K }[keyof S];
type EventKeys<S> = { [K in keyof S]: K extends `onDid${string}` | `onWill${string}` ? K : never }[keyof S];
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check = {
  [K in ServiceName]: [
    Exact<keyof (typeof contract)[K]['methods'], MethodKeys<Contract[K]>>,
    Exact<(typeof contract)[K]['events'][number], EventKeys<Contract[K]>>,
  ];
};
const contractMatchesInterfaces: Check = {
  workspace: [true, true],
  settings: [true, true],
  nativeHost: [true, true],
  git: [true, true],
  sync: [true, true],
  runner: [true, true],
  resources: [true, true],
  search: [true, true],
};
void contractMatchesInterfaces;
