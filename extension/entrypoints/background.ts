import { browser } from 'wxt/browser';
import { openQuickLog, QUICK_LOG_COMMAND, watchCallTabs } from '../utils/call-detection.ts';
import { watchReminders } from '../utils/reminder-worker.ts';

export default defineBackground(() => {
  // The toolbar button opens the popup; in a call tab it opens the side panel instead (see call-detection).
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });
  watchCallTabs();
  watchReminders();
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === QUICK_LOG_COMMAND) openQuickLog(tab);
  });
});
