import { defineConfig } from 'wxt';
import { VIDEO_CALL_HOST_PATTERNS } from './core/index.ts';
import { firstViewChunks } from './extension/build/first-view-chunks.ts';

// Made from extension/assets/icon.svg (see extension/assets/README.md).
const TOOLBAR_ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

/** WXT build of the Tandem extension; sources live in `extension/`. */
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-vue'],
  // Tests and CI load the built extension into Debian's Chromium themselves;
  // `wxt dev` must never try to download or start a browser of its own.
  webExt: { disabled: true },
  vite: () => ({
    plugins: [firstViewChunks()],
    build: {
      rolldownOptions: {
        // `core` is pure domain logic: a module none of whose exports a page uses can be left out of its bundle,
        // so a view that imports one reader through core's index does not pull in every module.
        treeshake: { moduleSideEffects: [{ test: /[\\/]core[\\/].+\.ts$/, sideEffects: false }] },
      },
    },
  }),
  manifest: {
    name: 'Tandem',
    description: 'Local-first workspace for peer mentorship: shared agendas, session logs and notes that stay confidential.',
    // `storage` carries the quick-log request from the shortcut to the popup (session storage, in memory).
    // `alarms` and `notifications` show reminders (meetings, action items, surveys) when Tandem is closed.
    permissions: ['sidePanel', 'storage', 'alarms', 'notifications'],
    // Exactly the video-call sites, so the toolbar button can tell a call tab without the broad `tabs` permission.
    host_permissions: [...VIDEO_CALL_HOST_PATTERNS],
    icons: TOOLBAR_ICONS,
    action: { default_title: 'Tandem', default_icon: TOOLBAR_ICONS },
    commands: {
      'quick-log': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Log a mentorship session' },
    },
  },
});
