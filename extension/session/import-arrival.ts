import { ImportError } from '../../core/index.ts';
import type { SyncProblems } from '../utils/connection.ts';
import { importWorkspaceFile } from '../utils/import-workspace.ts';
import type { Arrival } from './lifecycle.ts';
import { FieldProblem } from './problem.ts';

/**
 * Makes a new workspace on this device from an exported file (see
 * `importWorkspaceFile`). A file that is not a valid export is the file field's
 * problem; anything else (a refused save) is not. Loaded when someone imports,
 * with the code that reads export files.
 */
export async function importArrival(text: string, relayUrl: string, problems: SyncProblems): Promise<Arrival> {
  try {
    return await importWorkspaceFile(text, relayUrl, problems);
  } catch (e) {
    throw e instanceof ImportError ? new FieldProblem('file', e.message) : e;
  }
}
