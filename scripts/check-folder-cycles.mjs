// The folders of server/ and lib/ import each other one way only: ESLint's import/no-cycle sees
// circles of files, this sees circles of folders (server/auth -> server/audit -> server/auth), which
// are how a layer starts leaning on the one above it. Tests may reach anywhere and are left out.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

const ROOTS = ['server', 'lib'];
const root = join(dirname(new URL(import.meta.url).pathname), '..');

/** server/links/send-link.ts -> server/links; server/env.ts -> server/env.ts (a folder of its own). */
function folderOf(file) {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : file;
}

function sourceFiles() {
  return ROOTS.flatMap((dir) =>
    readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
      .filter((file) => !file.startsWith('server/db/generated/') && !file.startsWith('server/testing/')),
  );
}

function importsOf(file) {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers
    .map((s) => (s.startsWith('@/') ? s.slice(2) : s.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), s)) : null))
    .filter((target) => target && ROOTS.some((r) => target.startsWith(`${r}/`)));
}

const edges = new Map();
for (const file of sourceFiles()) {
  const from = folderOf(file);
  for (const target of importsOf(file)) {
    const to = folderOf(target);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, file);
  }
}

// Depth-first search; a grey node met again closes a circle.
const state = new Map();
const circles = [];
function visit(node, path) {
  state.set(node, 'grey');
  for (const next of edges.get(node)?.keys() ?? []) {
    if (state.get(next) === 'grey') circles.push([...path.slice(path.indexOf(next)), next]);
    else if (!state.has(next)) visit(next, [...path, next]);
  }
  state.set(node, 'black');
}
for (const node of edges.keys()) if (!state.has(node)) visit(node, [node]);

if (circles.length) {
  console.error('Folders that import each other (each arrow names the first file that makes it):');
  for (const circle of circles) {
    console.error(`  ${circle.join(' -> ')}`);
    for (let i = 0; i < circle.length - 1; i++) console.error(`    ${circle[i]} -> ${circle[i + 1]}: ${edges.get(circle[i]).get(circle[i + 1])}`);
  }
  process.exit(1);
}
console.log(`No folder cycles among ${edges.size} folders of ${ROOTS.join(' and ')}.`);
