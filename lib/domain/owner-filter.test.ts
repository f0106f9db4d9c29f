import { describe, expect, it } from 'vitest';
import { ownerFilterOf } from './owner-filter.ts';

describe('the owner filter', () => {
  it('reads "me" as whoever is signed in, so one shared link shows each manager their own', () => {
    expect(ownerFilterOf('me', 'user-amelia')).toEqual({ kind: 'user', id: 'user-amelia' });
    expect(ownerFilterOf('me', 'user-marc')).toEqual({ kind: 'user', id: 'user-marc' });
  });

  it('reads "none" as unassigned, "any" or nothing as everyone, anything else as that staff member', () => {
    expect(ownerFilterOf('none', 'u')).toEqual({ kind: 'unowned' });
    expect(ownerFilterOf('any', 'u')).toEqual({ kind: 'anyone' });
    expect(ownerFilterOf(undefined, 'u')).toEqual({ kind: 'anyone' });
    expect(ownerFilterOf('user-lucia', 'u')).toEqual({ kind: 'user', id: 'user-lucia' });
  });
});
