import 'server-only';
import { csvLine } from '@/lib/format/csv.ts';

/** Streams CSV built batch by batch, so an export of any size never sits in memory whole. */
export function csvResponse(filename: string, header: string[], batches: AsyncIterable<string[][]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(csvLine(header)));
        for await (const rows of batches) controller.enqueue(encoder.encode(rows.map(csvLine).join('')));
        controller.close();
      } catch (error) {
        console.error('CSV export failed mid-stream', error);
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
}
