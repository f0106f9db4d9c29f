import { isLanguage, LANGUAGE_NAMES } from '@/lib/domain/languages.ts';
import type { LinkEmailPreview } from '@/lib/schemas/links.ts';

/** An email as its recipient will see it: its language and clock, subject, and the HTML itself. */
export function EmailPreview({ preview }: { preview: LinkEmailPreview }) {
  return (
    <>
      <p className="text-xs text-slate-500">
        In {isLanguage(preview.language) ? LANGUAGE_NAMES[preview.language] : preview.language}, dates on {preview.timeZone} time
      </p>
      <p className="font-medium">{preview.subject}</p>
      {/* The HTML exactly as the recipient's mail client gets it, sandboxed: no script, no navigation. */}
      <iframe title="The email as the recipient sees it" sandbox="" srcDoc={preview.html} className="mt-1 h-72 w-full rounded border border-slate-100" />
    </>
  );
}
