export * from './common';
export * from './connections';
export * from './resource';
export * from './run';
export * from './validate-file';
export * from './workflow';
export * from './workspace';
