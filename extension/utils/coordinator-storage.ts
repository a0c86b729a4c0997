import Dexie, { type Table } from 'dexie';
import type { CoordinatedProgram, Program, ProgramCode, ProgramPrivateKeys } from '../../core/index.ts';

/**
 * A program this browser coordinates. The private keys are non-extractable
 * CryptoKeys, stored as IndexedDB structured-clones them: this device can use
 * them, nothing can read their bytes, and they never leave it.
 */
export interface StoredProgram {
  id: string;
  program: Program;
  code: ProgramCode;
  codeText: string;
  privateKeys: ProgramPrivateKeys;
  /** The revision last confirmed in the program's room. */
  publishedRevision: number | null;
  /** Submission keys in the order this device first saw them (see `inArrivalOrder`). */
  seen?: string[];
  createdAt: number;
}

class CoordinatorDb extends Dexie {
  programs!: Table<StoredProgram, string>;

  constructor() {
    super('tandem-coordinator');
    this.version(1).stores({ programs: 'id, createdAt' });
  }
}

const db = new CoordinatorDb();

/** Every program this browser coordinates, oldest first. */
export function listStoredPrograms(): Promise<StoredProgram[]> {
  return db.programs.orderBy('createdAt').toArray();
}

export async function saveNewProgram(made: CoordinatedProgram): Promise<StoredProgram> {
  const stored: StoredProgram = { id: made.program.id, ...made, publishedRevision: null, createdAt: Date.now() };
  await db.programs.add(stored);
  return stored;
}

export async function saveProgram(stored: StoredProgram): Promise<void> {
  await db.programs.put(stored);
}
