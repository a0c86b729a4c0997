/** Programs: a coordinator's cohort, its surveys, members' check-ins, and a report that reveals no one. */
export * from './survey-items.ts';
export * from './survey.ts';
export * from './survey-library.ts';
export * from './time-zone.ts';
export * from './program.ts';
export * from './survey-edits.ts';
export * from './schedule.ts';
export * from './answers.ts';
export * from './activity.ts';
export * from './submission.ts';
export * from './figures.ts';
export * from './report.ts';
export * from './arrival-order.ts';
export * from './report-change.ts';
export * from './report-activity.ts';
export * from './report-csv.ts';
export * from './wellness.ts';
export * from './wellness-share.ts';
export * from './program-link.ts';
export * from './own-answers.ts';
export * from './program-code.ts';
export {
  generateProgramKeys, P256_PUBLIC_BYTES, type ProgramPrivateKeys, type ProgramPublicKeys,
} from './program-crypto.ts';
export * from './program-room.ts';
export * from './program-setup.ts';
