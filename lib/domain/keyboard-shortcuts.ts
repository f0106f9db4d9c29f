// The console's keyboard shortcuts, one list: the help dialog shows it and the pages bind from it.

export const SHORTCUTS = {
  help: { key: '?', where: 'Anywhere', does: 'Show these shortcuts' },
  search: { key: '/', where: 'Credentials', does: 'Search credentials' },
  nextRow: { key: 'j', where: 'Credentials', does: 'Move to the next credential' },
  previousRow: { key: 'k', where: 'Credentials', does: 'Move to the previous credential' },
  openRow: { key: 'Enter', where: 'Credentials', does: 'Open the credential you are on' },
  sendSca: { key: 's', where: 'A credential', does: 'Send an SCA link (Pending SCA, if you may)' },
  sendReset: { key: 'r', where: 'A credential', does: 'Send a Reset link (Blocked, if you may)' },
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key was pressed in: typing there is text, not a command. */
  targetIsEditable: boolean;
}

/** Which shortcut a key press is, if any: never while typing in a field or with Ctrl, Cmd or Alt held. */
export function shortcutFor(press: KeyPress, names: readonly ShortcutName[]): ShortcutName | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.targetIsEditable) return null;
  return names.find((name) => SHORTCUTS[name].key === press.key) ?? null;
}
