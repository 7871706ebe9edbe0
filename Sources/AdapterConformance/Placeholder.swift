// Placeholder until this module has sources.
