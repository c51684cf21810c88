// A message with nothing for ICU MessageFormat to do: no argument, plural, select or tag,
// and no apostrophe (which may quote). Shown as it is, without a formatter; the build keeps
// such messages as text instead of parsed trees (vite.config.ts).
export function isPlain(text: string): boolean {
  return !/[{}<>'#]/.test(text);
}
