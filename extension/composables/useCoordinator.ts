import { computed, shallowRef } from 'vue';
import {
  buildReport, describeError, inArrivalOrder, openSubmissions, programRoomKeys, sealDefinition, setUpProgram, type NewProgram, type Program, type ProgramReport,
} from '../../core/index.ts';
import { listStoredPrograms, saveNewProgram, saveProgram, type StoredProgram } from '../utils/coordinator-storage.ts';
import { readProgramRoom, sendToProgramRoom } from '../utils/program-room.ts';

/**
 * The coordinator's page state: the programs this browser runs, the one shown,
 * and its report. Every figure comes from core's `buildReport`; this only moves
 * sealed blobs to and from the program's room.
 */
export function useCoordinator() {
  const programs = shallowRef<StoredProgram[]>([]);
  const currentId = shallowRef<string | null>(null);
  const report = shallowRef<ProgramReport | null>(null);
  const unreadable = shallowRef(0);
  const busy = shallowRef(false);
  const error = shallowRef('');
  const status = shallowRef('');
  const current = computed(() => programs.value.find((p) => p.id === currentId.value) ?? null);

  async function run(task: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      await task();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      busy.value = false;
    }
  }

  async function load(): Promise<void> {
    programs.value = await listStoredPrograms();
    currentId.value ??= programs.value.at(-1)?.id ?? null;
  }

  async function publish(stored: StoredProgram): Promise<void> {
    const room = await programRoomKeys(stored.code);
    await sendToProgramRoom(stored.code, [await sealDefinition(stored.privateKeys, room, stored.program)]);
    const next = { ...stored, publishedRevision: stored.program.revision };
    await saveProgram(next);
    replace(next);
    status.value = 'The program is published: members who link with the code see its surveys.';
  }

  function replace(next: StoredProgram): void {
    programs.value = programs.value.map((p) => (p.id === next.id ? next : p));
  }

  const create = (input: NewProgram, relayUrl: string) => run(async () => {
    const stored = await saveNewProgram(await setUpProgram(input, relayUrl));
    programs.value = [...programs.value, stored];
    currentId.value = stored.id;
    report.value = null;
    await publish(stored);
  });

  /** Keeps an edited program and publishes it; an edit the relay did not take stays saved here. */
  const update = (program: Program) => run(async () => {
    const stored = current.value;
    if (!stored) return;
    const next = { ...stored, program };
    await saveProgram(next);
    replace(next);
    // Figures were built for the program as it was (its k, its questions).
    report.value = null;
    await publish(next);
  });

  const refresh = () => run(async () => {
    const stored = current.value;
    if (!stored) return;
    const room = await programRoomKeys(stored.code);
    const carrier = await readProgramRoom(stored.code);
    const opened = await openSubmissions(stored.privateKeys, room.room, carrier);
    carrier.destroy();
    unreadable.value = opened.unreadable;
    const { ordered, seen } = inArrivalOrder(opened.submissions, stored.seen ?? []);
    const next = { ...stored, seen };
    await saveProgram(next);
    replace(next);
    report.value = buildReport(stored.program, ordered);
    status.value = '';
  });

  function select(id: string): void {
    currentId.value = id;
    report.value = null;
  }

  const retryPublish = () => run(async () => {
    if (current.value) await publish(current.value);
  });

  return { programs, current, report, unreadable, busy, error, status, load, create, update, refresh, select, retryPublish };
}
