// Saved views (issue 16, item 7): a name for a URL of this site, kept in the browser (no account),
// exported and imported as a small JSON file. Pure: the component does the storage and the files.
import { z } from 'zod';

/** A path of this site with its query: "/", "/narratives?…"; never another origin. */
const sitePath = z
  .string()
  .max(2000)
  .regex(/^\/(?!\/)[^\s\\]*$/, { message: 'must be a path on this site, starting with a single "/"' });

export const savedViewSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'must not be empty' }).max(80),
    href: sitePath,
    savedAt: z.string().max(40),
  })
  .strict();
export type SavedView = z.infer<typeof savedViewSchema>;

export const SAVED_VIEWS_FILE = { app: 'impactline', kind: 'saved-views', version: 1 } as const;

export const savedViewsFileSchema = z
  .object({
    app: z.literal('impactline'),
    kind: z.literal('saved-views'),
    version: z.literal(1),
    views: z.array(savedViewSchema).max(500),
  })
  .strict();

/** Add a view, replacing one of the same name (names are case-insensitive keys). Newest first. */
export function upsertView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const key = view.name.trim().toLowerCase();
  return [view, ...views.filter((v) => v.name.trim().toLowerCase() !== key)];
}

export function removeView(views: readonly SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

/** Imported views join the list; a name already there takes the imported link. */
export function mergeViews(existing: readonly SavedView[], imported: readonly SavedView[]): { views: SavedView[]; added: number; replaced: number } {
  let views = [...existing];
  let added = 0;
  let replaced = 0;
  for (const v of [...imported].reverse()) {
    const had = views.some((x) => x.name.trim().toLowerCase() === v.name.trim().toLowerCase());
    views = upsertView(views, v);
    if (had) replaced++;
    else added++;
  }
  return { views, added, replaced };
}

export function exportViews(views: readonly SavedView[]): string {
  return `${JSON.stringify({ ...SAVED_VIEWS_FILE, views }, null, 2)}\n`;
}

/** A file's text → its views, or a message naming what is wrong (nothing is imported then). */
export function parseViewsFile(text: string): { ok: true; views: SavedView[] } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the file is not JSON' };
  }
  const parsed = savedViewsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    return { ok: false, error: `${where}: ${issue.message}` };
  }
  return { ok: true, views: parsed.data.views };
}

/** What was stored in the browser; anything unreadable counts as nothing saved. */
export function readStored(text: string | null): SavedView[] {
  if (!text) return [];
  try {
    const parsed = z.array(savedViewSchema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
