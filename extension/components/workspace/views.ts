import type { Component } from 'vue';
import MeetingView from '../agenda/MeetingView.vue';
import MembersView from '../members/MembersView.vue';

/** Where a view is offered: the toolbar popup, the side panel beside a call, or both. */
export type Surface = 'popup' | 'sidepanel';

/** One section of a workspace, reached from the shell's navigation. */
export interface WorkspaceView {
  id: string;
  /** The navigation label; also the accessible name of the view's region. */
  label: string;
  component: Component;
  surfaces: readonly Surface[];
}

/**
 * Every view of a workspace, in navigation order; the first one a surface offers
 * is where it opens. Each view is a component that takes no props and reads the
 * open workspace through `useWorkspaceStore` / `useWorkspaceQuery`.
 */
export const WORKSPACE_VIEWS: readonly WorkspaceView[] = [
  { id: 'meeting', label: 'Meeting', component: MeetingView, surfaces: ['popup', 'sidepanel'] },
  { id: 'members', label: 'Members', component: MembersView, surfaces: ['popup', 'sidepanel'] },
];

/** The views offered on `surface`, in order. */
export function viewsFor(surface: Surface): WorkspaceView[] {
  return WORKSPACE_VIEWS.filter((view) => view.surfaces.includes(surface));
}
