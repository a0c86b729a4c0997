import { describe, expect, it } from 'vitest';
import { isStorageFailure, STORAGE_FULL_MESSAGE, watchStorageFailures } from '../../extension/utils/storage-health.ts';

describe('storage health', () => {
  it('recognises a full disk as IndexedDB reports it, and nothing else', () => {
    expect(isStorageFailure(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFailure(new DOMException('Transaction aborted: quota exceeded', 'AbortError'))).toBe(true);
    expect(isStorageFailure(new DOMException('Transaction aborted by the page', 'AbortError'))).toBe(false);
    expect(isStorageFailure(new Error('network down'))).toBe(false);
    expect(isStorageFailure('QuotaExceededError')).toBe(false);
    expect(isStorageFailure(undefined)).toBe(false);
  });

  it('tells the person when a write nobody awaited was refused for lack of space, until unsubscribed', () => {
    const messages: string[] = [];
    const page = new EventTarget();
    const stop = watchStorageFailures((m) => messages.push(m), page);
    const rejection = (reason: unknown) => {
      const event = new Event('unhandledrejection', { cancelable: true }) as Event & { reason: unknown };
      event.reason = reason;
      page.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(rejection(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(rejection(new Error('unrelated'))).toBe(false);
    stop();
    rejection(new DOMException('full', 'QuotaExceededError'));
    expect(messages).toEqual([STORAGE_FULL_MESSAGE]);
  });
});
