import { describe, expect, it } from 'vitest';
import { fillTemplate, paragraphsOf, templateProblem } from './email-template.ts';

const values = { greeting: 'Hola, Lucía:', name: 'Lucía', institution: 'A&B <Bank>', expiresAt: '1 de junio de 2026' };

describe('an email template an Admin writes', () => {
  it('takes only the known placeholders, and says which are unknown and what to use instead', () => {
    expect(templateProblem({ subject: 'Tu cuenta de {institution}', body: '{greeting}\n\nCaduca el {expiresAt}.' })).toBeNull();
    expect(templateProblem({ subject: '{institucion}', body: '{password} and {institucion}' })).toBe(
      'Unknown placeholders {institucion}, {password}: use {greeting}, {name}, {institution}, {expiresAt}.',
    );
    expect(templateProblem({ subject: 'x', body: '{}' })).toMatch(/^Unknown placeholder \{\}:/);
  });

  it('fills placeholders with text, leaving markup to be escaped by the email', () => {
    expect(fillTemplate('{greeting} {institution} until {expiresAt}', values)).toBe('Hola, Lucía: A&B <Bank> until 1 de junio de 2026');
    // A brace that is not a placeholder is the Admin's text.
    expect(fillTemplate('a { b } {c d}', values)).toBe('a { b } {c d}');
  });

  it('reads paragraphs off blank lines', () => {
    expect(paragraphsOf('  One\nstill one\n\n\n Two \r\n\r\nThree\n')).toEqual(['One\nstill one', 'Two', 'Three']);
  });
});
