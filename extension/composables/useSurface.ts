import { inject, provide, type InjectionKey } from 'vue';
import type { Surface } from '../components/workspace/views.ts';

const SURFACE: InjectionKey<Surface> = Symbol('surface');

/** Called once by the shell: tells every view below whether it is in the popup or the side panel. */
export function provideSurface(surface: Surface): void {
  provide(SURFACE, surface);
}

/** Whether this view is shown in the toolbar popup or the side panel beside a call. */
export function useSurface(): Surface {
  return inject(SURFACE, 'popup');
}
