"""Rules over what the reader read: structure rules and value rules, each family registering its codes."""
