import { inject, provide, shallowRef, type InjectionKey, type ShallowRef } from 'vue';

/** Switches to a view and, when given, asks it to open one item (a meeting, goal, note... by id). */
export type Navigate = (viewId: string, target?: string) => void;

/** An item a view was asked to open and has not opened yet. */
export interface NavigationRequest {
  viewId: string;
  target: string;
}

interface Navigation {
  navigate: Navigate;
  pending: ShallowRef<NavigationRequest | null>;
}

const NAVIGATION: InjectionKey<Navigation> = Symbol('navigation');

/**
 * Called once by the shell with its view switch: lets views below it open another
 * view, and the item in it. Returns the navigate function the shell should use itself.
 */
export function provideNavigation(showView: (viewId: string) => boolean): Navigate {
  const pending = shallowRef<NavigationRequest | null>(null);
  const navigate: Navigate = (viewId, target) => {
    if (!showView(viewId)) return;
    pending.value = target ? { viewId, target } : null;
  };
  provide(NAVIGATION, { navigate, pending });
  return navigate;
}

/** Opens a view (and the item `target` in it); does nothing outside a shell or for a view this surface lacks. */
export function useNavigation(): Navigate {
  return inject(NAVIGATION, null)?.navigate ?? (() => undefined);
}

/** The shell's pending request, for {@link useNavigationTarget}. */
export function usePendingNavigation(): ShallowRef<NavigationRequest | null> | null {
  return inject(NAVIGATION, null)?.pending ?? null;
}
