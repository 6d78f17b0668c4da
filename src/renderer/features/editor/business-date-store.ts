import { yesterday as yesterdayIn } from '../../../shared/run-dates';
import { utcOffsetAt } from '../../../shared/time/trigger-time';
import type { VariableContext } from '../../../shared/variables';
import { createStore } from '../../app/store';
import { workspaceStore } from '../workspace';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a local date. */
export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
}

/** The zone of trigger times: the open workspace's (bdp.yaml `timezone`), else the host's. */
export const workspaceZone = (): string | undefined => workspaceStore.get().workspace?.timezone;

/** Yesterday in the workspace's zone: the business date `bdp run` uses when none is given. */
export function yesterday(now = new Date()): string {
  return yesterdayIn(now, workspaceZone());
}

/** The context that yields `businessDate` as `${cal_dt}`: a trigger at 00:00 the next day, in the workspace zone. */
export function variableContextFor(businessDate: string): VariableContext {
  const [y, m, d] = businessDate.split('-').map(Number);
  const triggerTime = `${formatDate(new Date(y, m - 1, d + 1))} 00:00:00`;
  return { triggerTime, utcOffsetMinutes: utcOffsetAt(triggerTime, workspaceZone()) };
}

const PICKED_KEY = 'bdp.businessDate';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const stored = localStorage.getItem(PICKED_KEY);

/** The business date hovers and completions compute `${...}` values for; yesterday by default, the user's pick once made (kept across reloads). */
export const businessDateStore = createStore<string>(stored && DATE.test(stored) ? stored : yesterday());

let picked = !!stored && DATE.test(stored);
export function setBusinessDate(date: string): void {
  if (!DATE.test(date)) return;
  picked = true;
  localStorage.setItem(PICKED_KEY, date);
  businessDateStore.set(date);
}

// Until the user picks a date, the default follows the workspace's zone (as `bdp run` does).
let zoneSeen: string | undefined;
workspaceStore.subscribe(() => {
  const zone = workspaceZone();
  if (picked || zone === zoneSeen) return;
  zoneSeen = zone;
  businessDateStore.set(yesterday());
});
