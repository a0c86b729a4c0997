import * as Y from 'yjs';
import { z } from 'zod';
import { LOCAL_ORIGIN } from './origin.ts';
import type { WorkspaceDoc } from './doc.ts';
import { newId } from './ids.ts';
import { parseOrThrow } from './errors.ts';
import { compareCodeUnits } from './order.ts';

/**
 * The guide's kinds of support a mentor introduces a mentee to (Sections 1 and 2:
 * campus and community supports, networks and resources).
 */
export const ResourceCategorySchema = z.enum(['campus', 'community', 'academic', 'career-research', 'wellbeing', 'networks', 'other'], {
  error: 'Pick a category: campus, community, academic, career-research, wellbeing, networks or other.',
});
export type ResourceCategory = z.infer<typeof ResourceCategorySchema>;

/** Display labels, in the order categories are listed. */
export const RESOURCE_CATEGORY_LABELS: Record<ResourceCategory, string> = {
  campus: 'Campus supports',
  community: 'Community supports',
  academic: 'Academic',
  'career-research': 'Career and research',
  wellbeing: 'Wellbeing',
  networks: 'Networks',
  other: 'Other',
};

/** Blank form fields mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Only web links: a `javascript:` or `data:` address in a shared list would run in whoever clicks it. */
export const ResourceUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'Enter a web address starting with https:// or http://.',
});

export const ResourceContactSchema = z.object({
  name: z.string().trim().max(80, 'Keep the contact name under 80 characters.').nullable(),
  email: z.email('Enter an email address like counselling@example.edu.').nullable(),
  phone: z.string().trim().regex(/^\+?[0-9 ()./-]{3,30}$/, 'Enter a phone number using digits, spaces and + ( ) - . only.').nullable(),
});
export type ResourceContact = z.infer<typeof ResourceContactSchema>;

export const ResourceSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1).max(120),
  url: ResourceUrlSchema.nullable(),
  contact: ResourceContactSchema.nullable(),
  description: z.string().max(500),
  category: ResourceCategorySchema,
  addedBy: z.string().min(1),
  addedAt: z.number().int().nonnegative(),
});
/** One shared resource or contact: a link, a person to call, or both. */
export type Resource = z.infer<typeof ResourceSchema>;

const ResourceFieldsSchema = z.object({
  title: z.string().trim().min(1, 'Give the resource a title.').max(120, 'Keep the title under 120 characters.'),
  url: optional(z.string().trim().pipe(ResourceUrlSchema)),
  contactName: optional(z.string().trim().max(80, 'Keep the contact name under 80 characters.')),
  contactEmail: optional(z.string().trim().pipe(ResourceContactSchema.shape.email.unwrap())),
  contactPhone: optional(ResourceContactSchema.shape.phone.unwrap()),
  description: optional(z.string().trim().max(500, 'Keep the description under 500 characters.')),
  category: ResourceCategorySchema,
});

export const NewResourceSchema = ResourceFieldsSchema.extend({ addedBy: z.string().min(1) });
/** What the add form sends; blank optional fields are ignored. */
export type NewResource = z.input<typeof NewResourceSchema>;
export const ResourceEditSchema = ResourceFieldsSchema;
/** What the edit form sends: the whole resource as it should now read. */
export type ResourceEdit = z.input<typeof ResourceEditSchema>;

function stored(fields: z.output<typeof ResourceFieldsSchema>): Omit<Resource, 'id' | 'addedBy' | 'addedAt'> {
  const { contactName, contactEmail, contactPhone } = fields;
  const hasContact = contactName !== undefined || contactEmail !== undefined || contactPhone !== undefined;
  return {
    title: fields.title,
    url: fields.url ?? null,
    contact: hasContact ? { name: contactName ?? null, email: contactEmail ?? null, phone: contactPhone ?? null } : null,
    description: fields.description ?? '',
    category: fields.category,
  };
}

function resourcesMap(doc: WorkspaceDoc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('resources');
}

/** Adds a resource to the workspace's shared list and returns its id. */
export function addResource(doc: WorkspaceDoc, input: NewResource, now = Date.now()): string {
  const fields = NewResourceSchema.parse(input);
  const id = newId();
  doc.transact(() => {
    // One Y.Map per resource, so two members editing different fields both keep their change.
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id, ...stored(fields), addedBy: fields.addedBy, addedAt: now })) entry.set(key, value);
    resourcesMap(doc).set(id, entry);
  }, LOCAL_ORIGIN);
  return id;
}

/** Rewrites a resource's fields; only the fields that changed are written. */
export function editResource(doc: WorkspaceDoc, id: string, input: ResourceEdit): void {
  const next = stored(ResourceEditSchema.parse(input));
  doc.transact(() => {
    const entry = resourcesMap(doc).get(id);
    if (!entry) throw new Error(`Resource "${id}" no longer exists; it may have been removed by another member.`);
    for (const [key, value] of Object.entries(next)) {
      if (JSON.stringify(entry.get(key)) !== JSON.stringify(value)) entry.set(key, value);
    }
  }, LOCAL_ORIGIN);
}

/** Removes a resource. Removing one that is already gone does nothing. */
export function removeResource(doc: WorkspaceDoc, id: string): void {
  doc.transact(() => resourcesMap(doc).delete(id), LOCAL_ORIGIN);
}

/**
 * Every resource, validated, sorted by category order, then title in this device's
 * language (a list for reading, so it follows the reader's alphabet), then id.
 */
export function listResources(doc: WorkspaceDoc): Resource[] {
  const raw = [...resourcesMap(doc).values()].map((entry) => entry.toJSON());
  const resources = parseOrThrow(z.array(ResourceSchema), raw, 'Resources');
  const rank = (c: ResourceCategory) => ResourceCategorySchema.options.indexOf(c);
  return resources.sort((a, b) => rank(a.category) - rank(b.category) || a.title.localeCompare(b.title) || compareCodeUnits(a.id, b.id));
}

/** Resources grouped under their category, in the category order; empty categories are left out. */
export function groupResources(resources: readonly Resource[]): { category: ResourceCategory; label: string; resources: Resource[] }[] {
  return ResourceCategorySchema.options
    .map((category) => ({ category, label: RESOURCE_CATEGORY_LABELS[category], resources: resources.filter((r) => r.category === category) }))
    .filter((group) => group.resources.length > 0);
}
