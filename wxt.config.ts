import { defineConfig } from 'wxt';

/** WXT build of the Tandem extension; sources live in `extension/`. */
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-vue'],
  // Tests and CI load the built extension into Debian's Chromium themselves;
  // `wxt dev` must never try to download or start a browser of its own.
  webExt: { disabled: true },
  manifest: {
    name: 'Tandem',
    description: 'Local-first workspace for peer mentorship: shared agendas, session logs and notes that stay confidential.',
    permissions: ['sidePanel'],
    action: { default_title: 'Tandem' },
  },
});
