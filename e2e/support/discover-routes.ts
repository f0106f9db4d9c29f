import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface DiscoveredRoute {
  /** URL path pattern, e.g. /api/admin/users/[id] or /credentials */
  path: string;
  kind: 'page' | 'api';
  methods: string[];
  file: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every page and route handler under app/, read from the file tree, so a new one cannot be missed. */
export function discoverRoutes(appDir = 'app'): DiscoveredRoute[] {
  return walk(appDir)
    .filter((file) => /(^|[\\/])(page\.tsx|route\.ts)$/.test(file))
    .map((file) => {
      const segments = relative(appDir, file).split(sep).slice(0, -1).filter((s) => !/^\(.*\)$/.test(s)); // drop route groups
      const path = `/${segments.join('/')}`;
      if (file.endsWith('page.tsx')) return { path, kind: 'page' as const, methods: ['GET'], file };
      const source = readFileSync(file, 'utf8');
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      const reexported = source.match(/export \{([^}]*)\}/)?.[1].match(/\b(GET|POST|PUT|PATCH|DELETE)\b/g) ?? [];
      return { path, kind: 'api' as const, methods: [...new Set([...methods, ...reexported])], file };
    });
}
