"""Built-in rules, one module per rule, grouped by family. Importing a module registers it."""
