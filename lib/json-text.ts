// Checks on JSON text before and after JSON.parse, shared by the HTTP body reader and the CLI:
// nesting depth (no recursion blow-up) and the characters of every string. Pure.
import type { Problem } from '@/lib/contracts/write';

export const MAX_JSON_DEPTH = 16;

/** Refuse deeply nested JSON before JSON.parse sees it (no recursion blow-up, no CPU games). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

// C0 controls except tab/newline/carriage return, DEL, and the bidirectional overrides/isolates
// (U+202A–U+202E, U+2066–U+2069) that can make stored text display differently from what it is.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string (keys too) must be well-formed Unicode without control or bidi-override characters. */
export function scanStrings(value: unknown, path: string[] = []): Problem[] {
  const problems: Problem[] = [];
  const field = (p: string[]) => p.join('.') || '(body)';
  const visit = (v: unknown, p: string[]) => {
    if (problems.length >= 20) return;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) problems.push({ field: field(p), message: 'must be well-formed Unicode (no lone surrogates)' });
      else if (FORBIDDEN_CHARS.test(v)) problems.push({ field: field(p), message: 'must not contain control or bidirectional-override characters' });
    } else if (Array.isArray(v)) v.forEach((item, i) => visit(item, [...p, String(i)]));
    else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k) || FORBIDDEN_CHARS.test(k)) problems.push({ field: field([...p, JSON.stringify(k).slice(1, 40)]), message: 'field names must be plain text' });
        else visit(item, [...p, k]);
      }
    }
  };
  visit(value, path);
  return problems;
}

