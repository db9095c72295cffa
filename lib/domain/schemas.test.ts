import { describe, expect, it } from 'vitest';
import { entryFieldsSchema, figureSchema, sourceSchema } from './schemas';

describe('boundary schemas', () => {
  it('accepts http(s) sources only', () => {
    expect(sourceSchema.safeParse({ title: 't', url: 'https://example.com/a' }).success).toBe(true);
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'not a url'])
      expect(sourceSchema.safeParse({ title: 't', url }).success, url).toBe(false);
  });

  it('accepts partial publication dates but not free text', () => {
    expect(sourceSchema.safeParse({ title: 't', url: 'https://x.org', published: '2025-02' }).success).toBe(true);
    expect(sourceSchema.safeParse({ title: 't', url: 'https://x.org', published: '2025-02 (mirror captured 2025-02-02)' }).success).toBe(true);
    expect(sourceSchema.safeParse({ title: 't', url: 'https://x.org', published: 'last week' }).success).toBe(false);
  });

  it('keeps figures numeric, or verbatim text when a source gives none', () => {
    expect(figureSchema.safeParse({ value: 5.576, unit: 'million USD' }).success).toBe(true);
    expect(figureSchema.safeParse({ value: null, value_text: 'a few tens of', unit: 'million USD' }).success).toBe(true);
    expect(figureSchema.safeParse({ value: '5.576', unit: 'million USD' }).success).toBe(false);
    expect(figureSchema.safeParse({ value: Number.POSITIVE_INFINITY, unit: 'x' }).success).toBe(false);
    expect(figureSchema.safeParse({ value: null, unit: 'x' }).success).toBe(false);
  });

  it('trims titles and refuses control characters and unknown fields', () => {
    const base = { date: '2025-01-27', kind: 'market', summary: '', narrative: 'market-reaction' };
    const ok = entryFieldsSchema.safeParse({ ...base, title: '  NVIDIA falls  ' });
    expect(ok.success && ok.data.title).toBe('NVIDIA falls');
    expect(entryFieldsSchema.safeParse({ ...base, title: 'bad\u0007bell' }).success).toBe(false);
    expect(entryFieldsSchema.safeParse({ ...base, title: '' }).success).toBe(false);
    expect(entryFieldsSchema.safeParse({ ...base, title: 'x'.repeat(201) }).success).toBe(false);
    expect(entryFieldsSchema.safeParse({ ...base, title: 'ok', extra: 1 }).success).toBe(false);
    expect(entryFieldsSchema.safeParse({ ...base, title: 'ok', date: '2025-02-30' }).success).toBe(false);
  });
});

describe('amendment changes', () => {
  it('keep absent lists absent instead of defaulting them to empty', async () => {
    const { entryChangesSchema } = await import('./schemas');
    const parsed = entryChangesSchema.parse({ title: 'New title' });
    expect(parsed).toEqual({ title: 'New title' });
    expect(entryChangesSchema.safeParse({}).success).toBe(false);
    expect(entryChangesSchema.safeParse({ sources: [] }).success).toBe(false);
  });
});
