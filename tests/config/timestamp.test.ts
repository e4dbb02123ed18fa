/** The one time a build writes into its files, and which source wins. */
import { describe, expect, it } from 'vitest';
import { buildTimestamp, w3cTimestamp } from '../../scripts/config/timestamp.ts';

describe('buildTimestamp', () => {
  it('takes SOURCE_DATE_EPOCH first, even when the metadata has a date', () => {
    const date = buildTimestamp({ date: '2026-11-23' }, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(w3cTimestamp(date)).toBe('2023-11-14T22:13:20Z');
  });

  it('takes the publication date (midnight UTC) when SOURCE_DATE_EPOCH is not set', () => {
    expect(w3cTimestamp(buildTimestamp({ date: '2026-11-23' }, {}))).toBe('2026-11-23T00:00:00Z');
    expect(w3cTimestamp(buildTimestamp({ date: '2026-11-23' }, { SOURCE_DATE_EPOCH: '' }))).toBe(
      '2026-11-23T00:00:00Z',
    );
  });

  it('takes the start of today (UTC) when there is neither, so that builds on one day agree', () => {
    const today = new Date().toISOString().slice(0, 10);
    const date = buildTimestamp({}, {});
    // A build started just before midnight may finish after it.
    expect([
      `${today}T00:00:00Z`,
      w3cTimestamp(new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)),
    ]).toContain(w3cTimestamp(date));
  });

  it('refuses a SOURCE_DATE_EPOCH that is not a whole number of seconds', () => {
    for (const value of ['yesterday', '1.5', '-1', '1e9']) {
      expect(() => buildTimestamp({}, { SOURCE_DATE_EPOCH: value })).toThrow(
        /SOURCE_DATE_EPOCH must be a whole number/,
      );
    }
  });
});
