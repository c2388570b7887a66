/** Class names joined, the falsy ones left out: `cx(styles.card, open && styles.open)`. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
