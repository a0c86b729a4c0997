import { onUnmounted, watch } from 'vue';
import { browser } from 'wxt/browser';
import { describeError, planReminders, programLinkOf, programRoomKeys, reminderFacts } from '../../core/index.ts';
import { useWorkspaceStore } from '../stores/workspace.ts';
import { cachedDefinition, checkProgram } from '../utils/program-member.ts';
import { loadReminderSettings, scheduleReminders } from '../utils/reminders.ts';

/** Changes this close together are planned once. */
const SETTLE_MS = 1_500;

/**
 * Keeps the open workspace's reminders planned (and, hourly, its program checked): after changes settle (a meeting
 * scheduled, an item done, a setting switched) core decides again what to remind
 * and when, and the browser's alarms are set to match.
 */
export function useReminderPlanner(): void {
  const store = useWorkspaceStore();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function plan(): Promise<void> {
    const ctx = store.context();
    const active = store.active;
    if (!ctx || !active) return;
    const link = programLinkOf(ctx.doc);
    const program = link ? await cachedDefinition((await programRoomKeys(link.program)).room) : null;
    const facts = reminderFacts(ctx.doc, ctx.notebook, ctx.memberId, active.room, program, active.role);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    await scheduleReminders(active.room, planReminders(facts, await loadReminderSettings(), Date.now(), zone));
  }

  function soon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void plan().catch((e: unknown) => (store.error = `Reminders could not be set: ${describeError(e)}`)), SETTLE_MS);
  }

  watch(() => [store.versions.anyChange.value, store.active?.room], soon, { immediate: true });
  // A program's surveys open and its answers go out without the Program section being opened.
  let checkedRoom: string | undefined;
  watch(() => [store.active?.room, store.versions.anyChange.value], () => {
    const ctx = store.context();
    if (!ctx || !store.active || checkedRoom === store.active.room) return;
    checkedRoom = store.active.room;
    void checkProgram(ctx, store.active.role).catch(() => undefined);
  }, { immediate: true });
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && ('reminderSettings' in changes || Object.keys(changes).some((k) => k.startsWith('programDefinition:')))) soon();
  };
  browser.storage.onChanged.addListener(onStorage);
  onUnmounted(() => {
    clearTimeout(timer);
    browser.storage.onChanged.removeListener(onStorage);
  });
}
