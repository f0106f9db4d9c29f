// The languages end users read CredOps in: link emails, reminders and the link pages. Staff pages stay English.
export const LANGUAGES = ['en', 'es', 'ca'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', ca: 'Català' };

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** A time zone the runtime knows by its IANA name ("Europe/Madrid"); offsets and abbreviations are not accepted. */
export function isTimeZone(value: string): boolean {
  if (!value.includes('/') && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
