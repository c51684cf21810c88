// What changed between two texts of an entry, as people read a diff: removed lines struck
// through, added lines marked, and inside a changed line the words that changed (jsdiff).
import { diffLines, diffWords } from 'diff';

export function TextDiff(props: { before: string; after: string }) {
  const parts = diffLines(props.before, props.after);
  const out: preact.ComponentChildren[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      // A changed passage: one block with the words that went and came marked inside it.
      out.push(
        <div class="diff-changed" key={i}>
          {diffWords(part.value, next.value).map((w, j) =>
            w.added ? <ins key={j}>{w.value}</ins> : w.removed ? <del key={j}>{w.value}</del> : <span key={j}>{w.value}</span>)}
        </div>,
      );
      i++;
    } else if (part.added) {
      out.push(<ins class="diff-block" key={i}>{part.value}</ins>);
    } else if (part.removed) {
      out.push(<del class="diff-block" key={i}>{part.value}</del>);
    } else {
      out.push(<div class="diff-same" key={i}>{part.value}</div>);
    }
  }
  return <div class="text-diff">{out}</div>;
}
