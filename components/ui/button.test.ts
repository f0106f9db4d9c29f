import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button } from './button.tsx';

const classesOf = (html: string) => /class="([^"]*)"/.exec(html)![1].split(' ');

describe('the button', () => {
  it("takes a caller's padding instead of keeping its own beside it (where the base used to win)", () => {
    const classes = classesOf(renderToStaticMarkup(createElement(Button, { className: 'px-3 py-1' }, 'Save')));
    expect(classes).toEqual(expect.arrayContaining(['px-3', 'py-1']));
    expect(classes).not.toContain('px-4');
    expect(classes).not.toContain('py-2');
  });

  it('is a plain button unless told to submit, so a button in a form never submits it by accident', () => {
    expect(renderToStaticMarkup(createElement(Button, null, 'Cancel'))).toContain('type="button"');
    expect(renderToStaticMarkup(createElement(Button, { type: 'submit' }, 'Save'))).toContain('type="submit"');
  });
});
