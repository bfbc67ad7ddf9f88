package dev.attune.platform.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Console users and their roles (ADMIN, ANALYST, AUDITOR). Every change is audited with before and after. Guard
 * rails: at least one enabled ADMIN always remains, and nobody disables themself or takes their own ADMIN role away.
 */
public interface ConsoleUserService {

    record User(String username, Set<String> roles, boolean disabled, boolean mustChangePassword, Instant createdAt) {}

    List<User> list();

    /** A new user; with {@code temporary} the password must be changed at the first sign-in. */
    User create(String username, char[] password, Set<String> roles, boolean temporary);

    User update(String username, Set<String> roles, boolean disabled);

    /** Sets a temporary password that must be changed at the next sign-in. */
    void resetPassword(String username, char[] temporary);

    /** The user's own change: the current password, then a new one (at least 12 characters, not the same). */
    void changePassword(String username, char[] current, char[] next);

    boolean mustChangePassword(String username);
}
