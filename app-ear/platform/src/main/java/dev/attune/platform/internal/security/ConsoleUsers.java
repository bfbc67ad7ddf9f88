package dev.attune.platform.internal.security;

import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creating and listing console users; every change is audited in the same transaction. */
@ApplicationScoped
@Transactional
public class ConsoleUsers {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    @Inject
    ConsoleUserRepository users;

    @Inject
    PasswordHashing hashing;

    @Inject
    AuditLog audit;

    public void create(String username, char[] password, Set<String> roles) {
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
        users.insert(username, hashing.hash(password), roles, false);
        audit.record("user.create", username, AuditOutcome.SUCCESS, Map.of("roles", new TreeSet<>(roles)));
    }

    public List<ConsoleUser> list() {
        return users.findAll();
    }
}
