// Three-way merge of two people's edits of one text, by line (node-diff3): `base` is what
// both began from, `mine` and `theirs` what each made of it. The merged text, or null when
// both changed the same lines differently (the person then chooses).
import { diff3Merge } from 'node-diff3';

export function mergeText(base: string, mine: string, theirs: string): string | null {
  if (mine === base || theirs === mine) return theirs;
  if (theirs === base) return mine;
  const regions = diff3Merge(mine.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true });
  const out: string[] = [];
  for (const r of regions) {
    if (!r.ok) return null;
    out.push(...r.ok);
  }
  return out.join('\n');
}
