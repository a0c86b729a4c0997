import * as Y from 'yjs';
import { z, nonEmptyString, trimmedString, wholeNumber } from './zod.ts';
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
function optional<T extends z.ZodMiniType>(schema: T) {
  const field = z.pipe(z.transform(blankToUndefined), z.optional(schema));
  // A pipe that starts with a transform lets its key be left out when parsing; the cast tells the form's input type so too.
  return field as typeof field & { _zod: { optin: 'optional' } };
}

/** Only web links: a `javascript:` or `data:` address in a shared list would run in whoever clicks it. */
export const ResourceUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'Enter a web address starting with https:// or http://.',
});

const ContactEmailSchema = z.email('Enter an email address like counselling@example.edu.');
const ContactPhoneSchema = trimmedString(z.regex(/^\+?[0-9 ()./-]{3,30}$/, 'Enter a phone number using digits, spaces and + ( ) - . only.'));

export const ResourceContactSchema = z.object({
  name: z.nullable(trimmedString(z.maxLength(80, 'Keep the contact name under 80 characters.'))),
  email: z.nullable(ContactEmailSchema),
  phone: z.nullable(ContactPhoneSchema),
});
export type ResourceContact = z.infer<typeof ResourceContactSchema>;

export const ResourceSchema = z.object({
  id: nonEmptyString(),
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  url: z.nullable(ResourceUrlSchema),
  contact: z.nullable(ResourceContactSchema),
  description: z.string().check(z.maxLength(500)),
  category: ResourceCategorySchema,
  addedBy: nonEmptyString(),
  addedAt: wholeNumber(z.nonnegative()),
});
/** One shared resource or contact: a link, a person to call, or both. */
export type Resource = z.infer<typeof ResourceSchema>;

const ResourceFieldsSchema = z.object({
  title: trimmedString(z.minLength(1, 'Give the resource a title.'), z.maxLength(120, 'Keep the title under 120 characters.')),
  url: optional(z.pipe(trimmedString(), ResourceUrlSchema)),
  contactName: optional(trimmedString(z.maxLength(80, 'Keep the contact name under 80 characters.'))),
  contactEmail: optional(z.pipe(trimmedString(), ContactEmailSchema)),
  contactPhone: optional(ContactPhoneSchema),
  description: optional(trimmedString(z.maxLength(500, 'Keep the description under 500 characters.'))),
  category: ResourceCategorySchema,
});

export const NewResourceSchema = z.extend(ResourceFieldsSchema, { addedBy: nonEmptyString() });
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
