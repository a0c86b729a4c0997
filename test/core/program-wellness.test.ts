import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addWellnessEntry, createWorkspace, encodeNotebook, listWellnessEntries, listWellnessShares, mondayOf, openPrivateNotebook,
  removeWellnessEntry, shareWellnessLine, wellnessSummaryLine, wellnessTrend,
} from '../../core/index.ts';

const ratings = { stress: 4, motivation: 3, belonging: 2, imposter: 5, balance: 1 };

describe('wellness check-ins', () => {
  it('live in the author\'s private notebook and never in the shared workspace', () => {
    const doc = new Y.Doc();
    createWorkspace(doc, { id: 'w1', name: 'Pair', creator: { displayName: 'Ben', role: 'mentee' } });
    const notebook = openPrivateNotebook();
    addWellnessEntry(notebook, { ...ratings, date: '2026-11-02' });
    expect(listWellnessEntries(notebook)).toHaveLength(1);
    expect(Object.keys(doc.share)).not.toContain('wellnessCheckIns');
    // The notebook survives its own storage round trip.
    expect(listWellnessEntries(openPrivateNotebook([encodeNotebook(notebook)]))[0]).toMatchObject({ ...ratings, date: '2026-11-02' });
  });

  it('refuses a rating outside 1 to 5, naming it', () => {
    expect(() => addWellnessEntry(openPrivateNotebook(), { ...ratings, imposter: 0 })).toThrow(/imposter feelings from 1 to 5/);
  });

  it('gives a weekly trend from the first check-in to today, with gaps for weeks without one', () => {
    const notebook = openPrivateNotebook();
    addWellnessEntry(notebook, { ...ratings, stress: 5, date: '2026-11-03' });
    addWellnessEntry(notebook, { ...ratings, stress: 3, date: '2026-11-05' });
    const later = addWellnessEntry(notebook, { ...ratings, stress: 2, date: '2026-11-18' });
    const trend = wellnessTrend(listWellnessEntries(notebook), '2026-11-25');
    expect(trend.map((w) => w.weekOf)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(trend.map((w) => w.means.stress)).toEqual([4, null, 2, null]);
    expect(trend[0]!.checkIns).toBe(2);
    removeWellnessEntry(notebook, later);
    expect(wellnessTrend(listWellnessEntries(notebook), '2026-11-25').map((w) => w.means.stress)).toEqual([4, null, null, null]);
    expect(wellnessTrend([], '2026-11-25')).toEqual([]);
  });

  it('keeps only the latest weeks when asked for a shorter span', () => {
    const notebook = openPrivateNotebook();
    addWellnessEntry(notebook, { ...ratings, date: '2026-01-05' });
    expect(wellnessTrend(listWellnessEntries(notebook), '2026-12-30', 12)).toHaveLength(12);
    expect(mondayOf('2026-11-01')).toBe('2026-10-26');
  });

  it('shares only the one line its author chose with the workspace', () => {
    const doc = new Y.Doc();
    const { memberId } = createWorkspace(doc, { id: 'w1', name: 'Pair', creator: { displayName: 'Ben', role: 'mentee' } });
    const notebook = openPrivateNotebook();
    addWellnessEntry(notebook, ratings);
    const line = wellnessSummaryLine(listWellnessEntries(notebook)[0]!);
    expect(line).toBe('Stress 4/5, motivation 3/5, belonging 2/5, imposter feelings 5/5, life balance 1/5');
    shareWellnessLine(doc, memberId, 'A heavy week, better after our call');
    shareWellnessLine(doc, memberId, 'Lighter this week');
    expect(listWellnessShares(doc).map((s) => s.line)).toEqual(['Lighter this week']);
    expect(() => shareWellnessLine(doc, memberId, ' ')).toThrow(/Write the line/);
  });
});
