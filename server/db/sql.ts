import 'server-only';
// Raw SQL for the features: Prisma's tagged templates and helpers (Prisma.sql, join, raw, empty) and
// its types, from one place. The generated clients belong to one provider each; features never
// import them (the linter keeps that), so the seam to the database stays here in server/db/.
export { Prisma } from './generated/sqlite/client.ts';
