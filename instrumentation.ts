export async function register() {
  // Node only: the edge runtime has no database driver.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startBackgroundJobs } = await import('./server/jobs/job-engine.ts');
    await startBackgroundJobs();
  }
}
