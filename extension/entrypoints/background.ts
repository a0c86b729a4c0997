import { browser } from 'wxt/browser';

export default defineBackground(() => {
  // The toolbar button keeps opening the popup; the side panel opens from the popup.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });
});
