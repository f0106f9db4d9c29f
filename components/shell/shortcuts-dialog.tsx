'use client';

import { Dialog } from '@/components/ui/dialog.tsx';
import { SHORTCUTS } from '@/lib/domain/keyboard-shortcuts.ts';

/** Every shortcut of the console, where it works and what it does. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Keyboard shortcuts" description="They work when no field has focus.">
      <table className="w-full text-sm">
        <thead className="sr-only"><tr><th scope="col">Key</th><th scope="col">Where</th><th scope="col">What it does</th></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {Object.values(SHORTCUTS).map((s) => (
            <tr key={`${s.where}-${s.key}`}>
              <td className="py-1.5 pr-3"><kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{s.key}</kbd></td>
              <td className="py-1.5 pr-3 text-slate-600">{s.where}</td>
              <td className="py-1.5">{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
