import { defineAsyncComponent, type Component } from 'vue';

type Load = () => Promise<{ default: Component }>;

/**
 * Each view is its own chunk, fetched when first shown (or preloaded): opening the
 * popup loads the shell and one view, not all twelve.
 */
function lazy(load: Load): Pick<WorkspaceView, 'component' | 'preload'> {
  return { component: defineAsyncComponent(load), preload: load };
}

/** Where a view is offered: the toolbar popup, the side panel beside a call, or both. */
export type Surface = 'popup' | 'sidepanel';

/** One section of a workspace, reached from the shell's navigation. */
export interface WorkspaceView {
  id: string;
  /** The navigation label; also the accessible name of the view's region. */
  label: string;
  component: Component;
  /** Fetches the view's code ahead of showing it (the shell does so for the view it opens on). */
  preload: () => Promise<unknown>;
  surfaces: readonly Surface[];
  /** Reached less often (setting up, looking things up): listed on the navigation's quieter second line. */
  secondary?: boolean;
  /** Shows from the kept first view (the meeting to prepare for) while the workspace loads; other views wait for it. */
  firstView?: boolean;
}

/**
 * Every view of a workspace, in navigation order; the first one a surface offers
 * is where it opens. Each view is a component that takes no props and reads the
 * open workspace through `useWorkspaceStore` / `useWorkspaceQuery`.
 */
export const WORKSPACE_VIEWS: readonly WorkspaceView[] = [
  { id: 'call', label: 'Call', ...lazy(() => import('../call/CallView.vue')), surfaces: ['sidepanel'], firstView: true },
  { id: 'meeting', label: 'Meeting', ...lazy(() => import('../agenda/MeetingView.vue')), surfaces: ['popup', 'sidepanel'], firstView: true },
  { id: 'log', label: 'Log', ...lazy(() => import('../logs/LogView.vue')), surfaces: ['popup', 'sidepanel'] },
  { id: 'timeline', label: 'Timeline', ...lazy(() => import('../timeline/TimelineView.vue')), surfaces: ['popup', 'sidepanel'] },
  { id: 'goals', label: 'Goals', ...lazy(() => import('../goals/GoalsView.vue')), surfaces: ['popup', 'sidepanel'] },
  { id: 'notes', label: 'Notes', ...lazy(() => import('../notes/NotesView.vue')), surfaces: ['popup', 'sidepanel'] },
  { id: 'wellness', label: 'Wellness', ...lazy(() => import('../wellness/WellnessView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'program', label: 'Program', ...lazy(() => import('../program/ProgramView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'agreement', label: 'Agreement', ...lazy(() => import('../agreement/AgreementView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'topics', label: 'Topics', ...lazy(() => import('../topics/TopicLibraryView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'resources', label: 'Resources', ...lazy(() => import('../resources/ResourcesView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'search', label: 'Search', ...lazy(() => import('../search/SearchView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'exchange', label: 'Export', ...lazy(() => import('../exchange/ExchangeView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'reminders', label: 'Reminders', ...lazy(() => import('../reminders/RemindersView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'members', label: 'Members', ...lazy(() => import('../members/MembersView.vue')), surfaces: ['popup', 'sidepanel'], secondary: true },
];

/** The views offered on `surface`, in order. */
export function viewsFor(surface: Surface): WorkspaceView[] {
  return WORKSPACE_VIEWS.filter((view) => view.surfaces.includes(surface));
}
