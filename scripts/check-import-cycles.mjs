// No import cycles, of files anywhere in the app's code, nor of folders in server/ and lib/ (server/auth
// -> server/audit -> server/auth is how a layer starts leaning on the one above it). One pass over the
// imports as text: ESLint's import/no-cycle resolves every module again for every file, and was most
// of the linter's time. Tests may reach anywhere and are left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

const FILE_ROOTS = ['app', 'components', 'lib', 'server', 'proxy.ts', 'instrumentation.ts'];
const FOLDER_ROOTS = ['server', 'lib'];
const root = join(dirname(new URL(import.meta.url).pathname), '..');

function sourceFiles() {
  return FILE_ROOTS.flatMap((entry) => {
    const path = join(root, entry);
    if (!existsSync(path)) return [];
    if (entry.endsWith('.ts')) return [entry];
    return readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
      .filter((file) => !file.startsWith('server/db/generated/') && !file.startsWith('server/testing/'));
  });
}

/** The project files a file imports (imports name their extension here; a bare folder is its index). */
function importsOf(file, known) {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers
    .map((s) => (s.startsWith('@/') ? s.slice(2) : s.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), s)) : null))
    .map((target) => target && [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((candidate) => known.has(candidate)))
    .filter(Boolean);
}

/** Every circle of a directed graph, each reported once, as the path that closes it. */
function circlesOf(edges) {
  const state = new Map();
  const circles = [];
  const visit = (node, path) => {
    state.set(node, 'grey');
    for (const next of edges.get(node)?.keys() ?? []) {
      if (state.get(next) === 'grey') circles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(node, 'black');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node, [node]);
  return circles;
}

function addEdge(edges, from, to, why) {
  if (!edges.has(from)) edges.set(from, new Map());
  if (!edges.get(from).has(to)) edges.get(from).set(to, why);
}

/** server/links/send-link.ts -> server/links; server/env.ts is a folder of its own. */
const folderOf = (file) => (file.split('/').length > 2 ? file.split('/').slice(0, 2).join('/') : file);

const files = sourceFiles();
const known = new Set(files);
const fileEdges = new Map();
const folderEdges = new Map();
for (const file of files) {
  for (const target of importsOf(file, known)) {
    addEdge(fileEdges, file, target, file);
    const [from, to] = [folderOf(file), folderOf(target)];
    if (from !== to && FOLDER_ROOTS.some((r) => file.startsWith(`${r}/`)) && FOLDER_ROOTS.some((r) => target.startsWith(`${r}/`))) addEdge(folderEdges, from, to, file);
  }
}

let failed = false;
for (const [kind, edges] of [['Files', fileEdges], ['Folders', folderEdges]]) {
  const circles = circlesOf(edges);
  if (!circles.length) continue;
  failed = true;
  console.error(`${kind} that import each other (each arrow names the first file that makes it):`);
  for (const circle of circles) {
    console.error(`  ${circle.join(' -> ')}`);
    for (let i = 0; i < circle.length - 1; i++) console.error(`    ${circle[i]} -> ${circle[i + 1]}: ${edges.get(circle[i]).get(circle[i + 1])}`);
  }
}
if (failed) process.exit(1);
console.log(`No import cycles among ${files.length} files, nor among ${folderEdges.size} folders of ${FOLDER_ROOTS.join(' and ')}.`);
