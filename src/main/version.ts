declare const __APP_VERSION__: string | undefined;

/** Injected by the build (package.json version); `dev` when run from source. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
