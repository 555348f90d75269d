"""The transforms: interpreters of primitives, each a trace type with a level."""
