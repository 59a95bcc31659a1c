"""Schema versions this build knows. A test checks them against the Alembic scripts."""

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_attachments", "0003_sync",
                                  "0004_sort_key", "0006_roster_imports", "0008_person_merge",
                                  "0009_branding", "0010_accounts", "0011_enrolment", "0012_titles",
                                  "0013_recovery", "0015_people_live_count",
                                  "0016_attended_totals", "0017_own_changes",
                                  "0018_attended_people", "0019_report_indexes", "0020_attended_trainings",
                                  "0021_member_index")
HEAD = KNOWN_REVISIONS[-1]
