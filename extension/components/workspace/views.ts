import { defineAsyncComponent, type Component } from 'vue';
import MeetingView from '../agenda/MeetingView.vue';
import GoalsView from '../goals/GoalsView.vue';
import NotesView from '../notes/NotesView.vue';
import AgreementView from '../agreement/AgreementView.vue';
import ResourcesView from '../resources/ResourcesView.vue';
import SearchView from '../search/SearchView.vue';
import ExchangeView from '../exchange/ExchangeView.vue';
import CallView from '../call/CallView.vue';
import LogView from '../logs/LogView.vue';
import TopicLibraryView from '../topics/TopicLibraryView.vue';
import MembersView from '../members/MembersView.vue';
import TimelineView from '../timeline/TimelineView.vue';

// Loaded when first opened, with their charting library: the popup's first load does not carry them.
const ProgramView = defineAsyncComponent(() => import('../program/ProgramView.vue'));
const WellnessView = defineAsyncComponent(() => import('../wellness/WellnessView.vue'));
const RemindersView = defineAsyncComponent(() => import('../reminders/RemindersView.vue'));

/** Where a view is offered: the toolbar popup, the side panel beside a call, or both. */
export type Surface = 'popup' | 'sidepanel';

/** One section of a workspace, reached from the shell's navigation. */
export interface WorkspaceView {
  id: string;
  /** The navigation label; also the accessible name of the view's region. */
  label: string;
  component: Component;
  surfaces: readonly Surface[];
  /** Reached less often (setting up, looking things up): listed on the navigation's quieter second line. */
  secondary?: boolean;
}

/**
 * Every view of a workspace, in navigation order; the first one a surface offers
 * is where it opens. Each view is a component that takes no props and reads the
 * open workspace through `useWorkspaceStore` / `useWorkspaceQuery`.
 */
export const WORKSPACE_VIEWS: readonly WorkspaceView[] = [
  { id: 'call', label: 'Call', component: CallView, surfaces: ['sidepanel'] },
  { id: 'meeting', label: 'Meeting', component: MeetingView, surfaces: ['popup', 'sidepanel'] },
  { id: 'log', label: 'Log', component: LogView, surfaces: ['popup', 'sidepanel'] },
  { id: 'timeline', label: 'Timeline', component: TimelineView, surfaces: ['popup', 'sidepanel'] },
  { id: 'goals', label: 'Goals', component: GoalsView, surfaces: ['popup', 'sidepanel'] },
  { id: 'notes', label: 'Notes', component: NotesView, surfaces: ['popup', 'sidepanel'] },
  { id: 'wellness', label: 'Wellness', component: WellnessView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'program', label: 'Program', component: ProgramView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'agreement', label: 'Agreement', component: AgreementView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'topics', label: 'Topics', component: TopicLibraryView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'resources', label: 'Resources', component: ResourcesView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'search', label: 'Search', component: SearchView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'exchange', label: 'Export', component: ExchangeView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'reminders', label: 'Reminders', component: RemindersView, surfaces: ['popup', 'sidepanel'], secondary: true },
  { id: 'members', label: 'Members', component: MembersView, surfaces: ['popup', 'sidepanel'], secondary: true },
];

/** The views offered on `surface`, in order. */
export function viewsFor(surface: Surface): WorkspaceView[] {
  return WORKSPACE_VIEWS.filter((view) => view.surfaces.includes(surface));
}
