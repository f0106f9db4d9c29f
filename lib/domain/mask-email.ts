
/** "maria.garcia@example.com" → "m•••@example.com": enough to recognise, not to write to. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

// An address inside free text: a plain or quoted local part, then a domain or an address literal.
// Letters of any script, since a mail server repeats an internationalised address as it was given.
const EMAIL_IN_TEXT = /(?:"[^"@\r\n]+"|[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~.-]+)@(?:\[[^\]\s]+\]|[\p{L}\p{N}\p{M}-]+(?:\.[\p{L}\p{N}\p{M}-]+)*)/gu;

/** Every email address in `text` masked as maskEmail masks one: a mail server's refusal often repeats the recipient's. */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (address) => {
    // Quotes before an address ('maria@example.com') belong to the text around it.
    const quotes = /^['`]*/.exec(address)![0];
    return quotes + maskEmail(address.slice(quotes.length));
  });
}
