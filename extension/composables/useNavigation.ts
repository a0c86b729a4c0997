import { inject, provide, type InjectionKey } from 'vue';

type Navigate = (viewId: string) => void;
const NAVIGATE: InjectionKey<Navigate> = Symbol('navigate');

/** Called once by the shell: lets views below it switch to another view (a search result opens its view). */
export function provideNavigation(navigate: Navigate): void {
  provide(NAVIGATE, navigate);
}

/** Switches the shell to the view with this id; does nothing outside a shell or for a view this surface lacks. */
export function useNavigation(): Navigate {
  return inject(NAVIGATE, () => undefined);
}
