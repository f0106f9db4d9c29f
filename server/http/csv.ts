import 'server-only';
import { csvLine } from '@/lib/format/csv.ts';

/**
 * Streams CSV built batch by batch, a batch read only when the client has taken the last one: an
 * export of any size never sits in memory whole, however slow the download.
 */
export function csvResponse(filename: string, header: string[], batches: AsyncIterable<string[][]>): Response {
  const encoder = new TextEncoder();
  const rows = batches[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The byte order mark is how Excel and Numbers know the file is UTF-8 and not their locale's code page.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
      },
      async pull(controller) {
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
        } catch (error) {
          console.error('CSV export failed mid-stream', error);
          controller.error(error);
        }
      },
      async cancel() {
        await rows.return?.();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(stream, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
}
