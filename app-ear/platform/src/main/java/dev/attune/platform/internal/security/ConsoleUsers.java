package dev.attune.platform.internal.security;

import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.ConsoleUserService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creating and listing console users; every change is audited in the same transaction. */
@ApplicationScoped
@Transactional
public class ConsoleUsers implements ConsoleUserService {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    @Inject
    ConsoleUserRepository users;

    @Inject
    PasswordHashing hashing;

    @Inject
    AuditLog audit;

    public void create(String username, char[] password, Set<String> roles) {
        create(username, password, roles, false);
    }

    @Override
    public User create(String username, char[] password, Set<String> roles, boolean temporary) {
        List<FieldError> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "must be 3 to 64 letters, digits or . _ @ -"));
        } else if (users.findByUsername(username).isPresent()) {
            errors.add(new FieldError("username", "is taken"));
        }
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
        if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
            errors.add(new FieldError("roles", "must be one or more of " + new TreeSet<>(Roles.ALL)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid user", errors);
        }
        users.insert(username, hashing.hash(password), roles, temporary);
        audit.record(
                "user.create",
                username,
                AuditOutcome.SUCCESS,
                Map.of("roles", new TreeSet<>(roles), "temporaryPassword", temporary));
        return user(username);
    }

    /** The stored users (with their password hashes: for this package only). */
    public List<ConsoleUser> all() {
        return users.findAll();
    }

    @Override
    public List<User> list() {
        Map<String, Instant> created = users.createdAt();
        return users.findAll().stream()
                .map(u -> new User(
                        u.username(),
                        new TreeSet<>(u.roles()),
                        u.disabled(),
                        u.mustChangePassword(),
                        created.get(u.username())))
                .toList();
    }

    @Override
    public User update(String username, Set<String> roles, boolean disabled) {
        ConsoleUser before = existing(username);
        if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
            throw InvalidInputException.of("roles", "must be one or more of " + new TreeSet<>(Roles.ALL));
        }
        String me = actor();
        if (before.username().equalsIgnoreCase(me)
                && (disabled || (before.roles().contains(Roles.ADMIN) && !roles.contains(Roles.ADMIN)))) {
            throw InvalidInputException.of(
                    disabled ? "disabled" : "roles", "you cannot disable yourself or take away your own ADMIN role");
        }
        boolean stillAdmin = roles.contains(Roles.ADMIN) && !disabled;
        if (!stillAdmin
                && before.roles().contains(Roles.ADMIN)
                && !before.disabled()
                && users.findAll().stream()
                                .filter(u -> u.roles().contains(Roles.ADMIN) && !u.disabled())
                                .count()
                        <= 1) {
            throw InvalidInputException.of("roles", "the last enabled ADMIN must stay one");
        }
        users.update(before.username(), roles, disabled);
        if (disabled || !before.roles().equals(roles)) {
            // a disabled user is out now, and a changed role applies from the next sign-in, not at the session's end
            ConsoleSessions.end(before.username(), null);
        }
        identities.forget(before.username());
        audit.record(
                "user.update",
                before.username(),
                AuditOutcome.SUCCESS,
                Map.of(
                        "before", Map.of("roles", new TreeSet<>(before.roles()), "disabled", before.disabled()),
                        "after", Map.of("roles", new TreeSet<>(roles), "disabled", disabled)));
        return user(before.username());
    }

    @Override
    public void resetPassword(String username, char[] temporary) {
        ConsoleUser u = existing(username);
        if (temporary == null || temporary.length < MIN_PASSWORD_LENGTH) {
            throw InvalidInputException.of("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        users.setPassword(u.username(), hashing.hash(temporary), true);
        ConsoleSessions.end(u.username(), null);
        identities.forget(u.username());
        audit.record("user.password.reset", u.username(), AuditOutcome.SUCCESS, Map.of());
    }

    @Override
    @Transactional(dontRollbackOn = InvalidInputException.class) // a refused change keeps its DENIED audit entry
    public void changePassword(String username, char[] current, char[] next) {
        ConsoleUser u = existing(username);
        if (current == null || !hashing.verify(current, u.passwordHash())) {
            audit.recordAs(
                    u.username(),
                    "user.password.change",
                    u.username(),
                    AuditOutcome.DENIED,
                    Map.of("reason", "wrong current password"));
            throw InvalidInputException.of("current", "is not your current password");
        }
        if (next == null || next.length < MIN_PASSWORD_LENGTH) {
            throw InvalidInputException.of("next", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (Arrays.equals(current, next)) {
            throw InvalidInputException.of("next", "must differ from the current password");
        }
        users.setPassword(u.username(), hashing.hash(next), false);
        ConsoleSessions.end(u.username(), currentSessionId());
        identities.forget(u.username());
        audit.recordAs(u.username(), "user.password.change", u.username(), AuditOutcome.SUCCESS, Map.of());
    }

    @Override
    public boolean mustChangePassword(String username) {
        return users.findByUsername(username)
                .map(ConsoleUser::mustChangePassword)
                .orElse(false);
    }

    private ConsoleUser existing(String username) {
        return users.findByUsername(username == null ? "" : username)
                .orElseThrow(() -> new ApiProblem(404, "Unknown user", "No console user " + username));
    }

    private User user(String username) {
        return list().stream()
                .filter(u -> u.username().equalsIgnoreCase(username))
                .findFirst()
                .orElseThrow();
    }

    @Inject
    Instance<SecurityContext> security;

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    AttuneIdentityStore identities;

    /** The session of the request changing the password (it stays signed in), if any. */
    private String currentSessionId() {
        try {
            HttpSession session = request.isResolvable() ? request.get().getSession(false) : null;
            return session == null ? null : session.getId();
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }

    private String actor() {
        try {
            var p = security.isResolvable() ? security.get().getCallerPrincipal() : null;
            return p == null ? "system" : p.getName();
        } catch (RuntimeException outsideRequest) {
            return "system";
        }
    }
}
