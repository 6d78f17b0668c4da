/** Name of the variable the CLI reads an environment's secret from: `BDP_ENV_<NAME>_SECRET`. */
export function secretEnvVar(environmentName: string): string {
  return `BDP_ENV_${environmentName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET`;
}
