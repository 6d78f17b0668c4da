import type { VariableContext } from '../../../../shared/variables';
import { createStore } from '../../app/store';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a local date. */
export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
}

export function yesterday(now = new Date()): string {
  return formatDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
}

/** The context that yields `businessDate` as `${cal_dt}`: a trigger at 00:00 the next day, in the local zone. */
export function variableContextFor(businessDate: string): VariableContext {
  const [y, m, d] = businessDate.split('-').map(Number);
  const trigger = new Date(y, m - 1, d + 1);
  return { triggerTime: `${formatDate(trigger)} 00:00:00`, utcOffsetMinutes: -trigger.getTimezoneOffset() };
}

/** The business date hovers and completions compute `${...}` values for; yesterday by default. */
export const businessDateStore = createStore<string>(yesterday());

export function setBusinessDate(date: string): void {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) businessDateStore.set(date);
}
