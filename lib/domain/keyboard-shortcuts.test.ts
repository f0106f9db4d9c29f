import { describe, expect, it } from 'vitest';
import { shortcutFor } from './keyboard-shortcuts.ts';

const press = (key: string, extra: Partial<Parameters<typeof shortcutFor>[0]> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, targetIsEditable: false, ...extra });

describe('keyboard shortcuts', () => {
  it('reads j and k as moving through the list, / as search', () => {
    expect(shortcutFor(press('j'), ['nextRow', 'previousRow', 'search'])).toBe('nextRow');
    expect(shortcutFor(press('k'), ['nextRow', 'previousRow', 'search'])).toBe('previousRow');
    expect(shortcutFor(press('/'), ['nextRow', 'previousRow', 'search'])).toBe('search');
  });

  it('never takes a letter typed into a field, so "s" in a search box stays an "s"', () => {
    expect(shortcutFor(press('s', { targetIsEditable: true }), ['sendSca'])).toBeNull();
  });

  it('leaves the browser its own shortcuts: Ctrl-R reloads, Cmd-S saves', () => {
    expect(shortcutFor(press('r', { ctrlKey: true }), ['sendReset'])).toBeNull();
    expect(shortcutFor(press('s', { metaKey: true }), ['sendSca'])).toBeNull();
    expect(shortcutFor(press('j', { altKey: true }), ['nextRow'])).toBeNull();
  });

  it('answers only for the shortcuts the page binds', () => {
    expect(shortcutFor(press('s'), ['nextRow'])).toBeNull();
    expect(shortcutFor(press('x'), ['nextRow', 'sendSca'])).toBeNull();
  });
});
