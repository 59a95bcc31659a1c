"""Qt table models over the services: they hold plain rows (ids, dataclasses), never ORM objects."""
