import { SCALE_LABELS } from './survey-items.ts';
import type { Figure } from './figures.ts';
import type { ProgramReport } from './report.ts';

/**
 * The report's aggregates as CSV (RFC 4180): one row per figure, with the
 * number of respondents or pairs behind it; a withheld figure says so and has
 * no number. Free-text answers are left out: they are read in the view only.
 */
export function reportToCsv(report: ProgramReport): string {
  const rows: (string | number)[][] = [['section', 'question', 'group', 'measure', 'value', 'n']];
  const add = (section: string, question: string, group: string, measure: string, figure: Figure<number>) =>
    rows.push(figure.shown ? [section, question, group, measure, round(figure.value), figure.n] : [section, question, group, measure, figure.reason, '']);
  add('program', '', 'all', 'members enrolled', report.enrolled);
  for (const survey of report.surveys) {
    add(survey.title, '', 'all', 'respondents', survey.respondents);
    add(survey.title, '', 'all', 'response rate', survey.responseRate);
    for (const item of survey.items) {
      if (item.kind === 'text') continue;
      const groups = [['all', item.overall] as const, ...Object.entries(item.byRole)];
      for (const [group, figure] of groups) {
        if (!figure) continue;
        if (!figure.shown) {
          add(survey.title, item.prompt, group, 'distribution', figure as Figure<number>);
          continue;
        }
        if (item.kind === 'scale') add(survey.title, item.prompt, group, 'mean', { shown: true, n: figure.n, value: (figure.value as { mean: number }).mean });
        const labels = item.kind === 'scale' ? SCALE_LABELS : item.options;
        figure.value.counts.forEach((count, i) => add(survey.title, item.prompt, group, `count: ${labels[i]}`, { shown: true, n: figure.n, value: count }));
      }
    }
  }
  for (const change of report.change) {
    add('midpoint to end', change.label, 'all', 'midpoint mean', change.midpoint);
    add('midpoint to end', change.label, 'all', 'end mean', change.end);
    add('midpoint to end', change.label, 'all', 'change', change.change);
  }
  add('activity', '', 'pairs', 'pairs reporting', report.activity.pairs);
  for (const metric of report.activity.metrics) {
    if (!metric.shown) continue;
    add('activity', metric.value.label, 'pairs', 'median', { shown: true, n: metric.n, value: metric.value.median });
    for (const bucket of metric.value.buckets) add('activity', metric.value.label, 'pairs', `pairs with ${bucket.label}`, { shown: true, n: metric.n, value: bucket.count });
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const round = (value: number) => Math.round(value * 100) / 100;

function csvField(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
