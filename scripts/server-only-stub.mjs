// Stands in for the `server-only` guard in tests and scripts, which run server code directly.
