"""Plain data, enums and rules. Standard library only."""
