"""Which community a record belongs to (for return packages and the community check)."""

from __future__ import annotations

# SQL selecting (id, cid) of every row of a table; communities are shared (NULL).
SCOPE_SQL: dict[str, str] = {
    "communities": "SELECT id AS id, NULL AS cid FROM communities",
    "advisory_groups": "SELECT id AS id, community_id AS cid FROM advisory_groups",
    "people": "SELECT id AS id, community_id AS cid FROM people",
    "memberships": "SELECT m.id AS id, p.community_id AS cid FROM memberships m JOIN people p ON p.id = m.person_id",
    "vulnerable_groups": "SELECT id AS id, community_id AS cid FROM vulnerable_groups",
    "trainings": "SELECT id AS id, community_id AS cid FROM trainings",
    "training_sessions": "SELECT s.id AS id, t.community_id AS cid FROM training_sessions s "
                         "JOIN trainings t ON t.id = s.training_id",
    "attendance": "SELECT a.id AS id, t.community_id AS cid FROM attendance a JOIN training_sessions s "
                  "ON s.id = a.session_id JOIN trainings t ON t.id = s.training_id",
    "local_plans": "SELECT id AS id, community_id AS cid FROM local_plans",
    "plan_activities": "SELECT a.id AS id, p.community_id AS cid FROM plan_activities a JOIN local_plans p ON p.id = a.plan_id",
    "plan_revisions": "SELECT r.id AS id, p.community_id AS cid FROM plan_revisions r JOIN local_plans p ON p.id = r.plan_id",
    "certificates": "SELECT c.id AS id, t.community_id AS cid FROM certificates c JOIN trainings t ON t.id = c.training_id",
    "attachments": "SELECT a.id AS id, COALESCE(t.community_id, p.community_id) AS cid FROM attachments a "
                   "LEFT JOIN trainings t ON t.id = a.training_id LEFT JOIN local_plans p ON p.id = a.plan_id",
}

SHARED_TABLES = frozenset({"communities"})

# Which records a community's office is sent in a return package, beyond those it owns
# (SCOPE_SQL): the records its own records point to. A person entered in another community is
# sent to every office whose groups, trainings or certificates name them (a merge made at
# headquarters repoints a community's memberships and attendance to a survivor entered
# elsewhere: both offices must get the survivor); a membership goes to the office of the
# person and to that of the group, and a group to the offices of its members, so that each
# office can show its people's memberships. SQL selecting the ids of *tbl* for :community;
# only for choosing what to send: ownership checks use SCOPE_SQL (one owner per record).
DELIVERY_EXTRA_SQL: dict[str, str] = {
    "people": "SELECT m.person_id FROM memberships m JOIN advisory_groups g ON g.id = m.group_id "
              "WHERE g.community_id = :community "
              "UNION SELECT a.person_id FROM attendance a JOIN training_sessions s ON s.id = a.session_id "
              "JOIN trainings t ON t.id = s.training_id WHERE t.community_id = :community "
              "UNION SELECT c.person_id FROM certificates c JOIN trainings t ON t.id = c.training_id "
              "WHERE t.community_id = :community",
    "memberships": "SELECT m.id FROM memberships m JOIN advisory_groups g ON g.id = m.group_id "
                   "WHERE g.community_id = :community",
    "advisory_groups": "SELECT m.group_id FROM memberships m JOIN people p ON p.id = m.person_id "
                       "WHERE p.community_id = :community",
}

