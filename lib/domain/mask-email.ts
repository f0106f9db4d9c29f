
/** "maria.garcia@example.com" → "m•••@example.com": enough to recognise, not to write to. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
