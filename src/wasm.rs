//! JS bindings (filled in by the npm package work).
