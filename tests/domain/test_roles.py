"""What each role may do (domain/roles.py): the table the services and the window both read."""

from strive_desktop.domain.roles import (
    DENIED,
    PERMISSIONS,
    Permission,
    Role,
    admin_role,
    is_admin,
    may,
    roles_for,
)


def test_trainers_record_attendance_and_print_but_change_no_roster_or_plan():
    assert may(Role.TRAINER, Permission.RECORD_ATTENDANCE) and may(Role.TRAINER, Permission.PRINT)
    for p in (Permission.EDIT_ROSTERS, Permission.EDIT_PLANS, Permission.MANAGE_USERS, Permission.RESTORE):
        assert not may(Role.TRAINER, p)


def test_staff_edit_rosters_and_plans_but_manage_nothing():
    assert may(Role.STAFF, Permission.EDIT_ROSTERS) and may(Role.STAFF, Permission.EDIT_PLANS)
    for p in (Permission.MANAGE_USERS, Permission.MANAGE_KEYS, Permission.RESTORE, Permission.SETTINGS,
              Permission.APPROVE_PLAN):
        assert not may(Role.STAFF, p)


def test_only_the_headquarters_admin_approves_and_only_admins_manage():
    approvers = {r for r in Role if may(r, Permission.APPROVE_PLAN)}
    assert approvers == {Role.HQ_ADMIN}
    managers = {r for r in Role if may(r, Permission.MANAGE_USERS)}
    assert managers == {Role.OFFICE_ADMIN, Role.HQ_ADMIN} == {r for r in Role if is_admin(r)}
    assert Role.HQ_ADMIN not in roles_for(is_hq=False) and Role.OFFICE_ADMIN not in roles_for(is_hq=True)
    assert admin_role(True) is Role.HQ_ADMIN and admin_role(False) is Role.OFFICE_ADMIN


def test_an_unknown_role_may_nothing_and_every_refusal_has_a_reason():
    assert not any(may("superuser", p) for p in Permission)
    assert set(DENIED) == set(Permission)
    assert set(PERMISSIONS) == set(Role)
