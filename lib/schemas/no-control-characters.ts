// No search or filter needs a control character, and a NUL that reached a query was a bare 500:
// PostgreSQL refuses it in text ("invalid byte sequence for encoding UTF8: 0x00") and SQLite's full-text
// search fails on it (issue 16). Query parameters refuse them with a clear 400 instead.
const CONTROL_CHARACTER = /\p{Cc}/u;

export const noControlCharacters = (value: string) => !CONTROL_CHARACTER.test(value);

export const NO_CONTROL_CHARACTERS = 'must not contain control characters';
