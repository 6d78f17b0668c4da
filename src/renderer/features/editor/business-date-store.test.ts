import { describe, expect, it } from 'vitest';
import { businessDateOf, systemVariables } from '../../../shared/variables';
import {
  formatDate,
  setBusinessDate,
  businessDateStore,
  variableContextFor,
  yesterday,
} from './business-date-store';
import { formatTriggerTime } from '../../../shared/time/trigger-time';
import { workspaceStore } from '../workspace';

describe('business date', () => {
  it('defaults to yesterday, across month and year ends', () => {
    expect(yesterday(new Date(2026, 10, 24, 9))).toBe('2026-11-23');
    expect(yesterday(new Date(2027, 0, 1, 0, 30))).toBe('2026-12-31');
    expect(formatDate(new Date(2026, 1, 3))).toBe('2026-02-03');
  });

  it('builds a trigger context whose ${cal_dt} is the chosen date', () => {
    for (const d of ['2026-11-23', '2026-12-31', '2024-02-29']) {
      const ctx = variableContextFor(d);
      expect(businessDateOf(ctx)).toBe(d);
      expect(systemVariables(ctx).cal_dt).toBe(d);
    }
  });

  it("follows the workspace's zone until a date is picked: the default `bdp run` uses", () => {
    for (const timezone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      workspaceStore.set((s) => ({ ...s, workspace: { root: '/ws', name: 'ws', bare: false, timezone } }));
      // What the runner computes for a pre-run without a date (runner-service: formatTriggerTime in the zone).
      expect(businessDateStore.get()).toBe(businessDateOf(formatTriggerTime(new Date(), timezone)));
    }
    workspaceStore.set((s) => ({ ...s, workspace: null }));
  });

  it('ignores malformed input from the picker', () => {
    setBusinessDate('2026-01-05');
    setBusinessDate('');
    expect(businessDateStore.get()).toBe('2026-01-05');
  });
});
