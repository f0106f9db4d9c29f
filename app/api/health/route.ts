import { NextResponse } from 'next/server';
import { checkHealth } from '@/server/health/check-health.ts';

export const dynamic = 'force-dynamic';

// Public on purpose (load balancers): it says whether things work, never what the data is.
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
