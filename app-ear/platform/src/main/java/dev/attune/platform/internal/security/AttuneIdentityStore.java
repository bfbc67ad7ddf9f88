package dev.attune.platform.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;

/** Console users from PostgreSQL; their roles become the caller's groups (mapped 1:1 to roles). */
@ApplicationScoped
public class AttuneIdentityStore implements IdentityStore {
    @Inject
    ConsoleUserRepository users;

    @Inject
    PasswordHashing hashing;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<ConsoleUser> user = users.findByUsername(credential.getCaller());
        if (user.isEmpty()) {
            hashing.verifyAgainstNothing(credential.getPassword().getValue());
            return CredentialValidationResult.INVALID_RESULT;
        }
        ConsoleUser u = user.get();
        if (!hashing.verify(credential.getPassword().getValue(), u.passwordHash()) || u.disabled()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(u.username(), u.roles());
    }
}
