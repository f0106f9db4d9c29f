// Two-factor sign-in, as both sides speak of it.

/** What the sign-in form hears when the password was right and a code is needed next. */
export const MFA_CODE_REQUIRED = 'Enter the 6-digit code from your authenticator app, or a recovery code.';

/** A TOTP code (6 digits) or a recovery code (XXXXX-XXXXX), as typed: spaces and case do not matter. */
export const normaliseMfaCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();
