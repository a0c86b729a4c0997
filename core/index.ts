/** Tandem's domain logic: pure TypeScript on Yjs and zod, shared by the extension and tests. */
export * from './origin.ts';
export * from './errors.ts';
export * from './doc.ts';
export * from './text.ts';
export * from './members.ts';
export * from './agenda.ts';
export * from './meetings.ts';
export * from './workspace.ts';
export * from './snapshot.ts';
export * from './invite.ts';
export * from './relay-protocol.ts';
