-- Custom migration (drizzle-kit generate --custom): drizzle-kit does not manage extensions.
-- pg_trgm gives typo tolerance and suggestions (trigram similarity, GIN index on titles).
-- It is a trusted extension (PostgreSQL 13+), and the embedded PGlite loads it at start.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
