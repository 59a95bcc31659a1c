"""SQLite storage: engine, ORM tables, migrations, the data folder. No Qt here."""
