import type { NextRequest } from 'next/server';
import { clientIp } from '@/server/request/client-ip.ts';
import { finishLink } from '@/server/links/finish-link.ts';

// Flanks' Link sends the end user here when the flow ends (`?error=CODE` when it failed); the link
// page then tells them how it went.
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await finishLink(token, request.nextUrl.searchParams.get('error'), { ip: clientIp(request.headers) });
  // A relative Location: right whatever host name the end user came back on.
  return new Response(null, { status: 307, headers: { Location: `/l/${encodeURIComponent(token)}` } });
}
