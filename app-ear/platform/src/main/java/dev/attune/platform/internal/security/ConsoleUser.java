package dev.attune.platform.internal.security;

import java.util.Set;

public record ConsoleUser(
        long id,
        String username,
        String passwordHash,
        Set<String> roles,
        boolean disabled,
        boolean mustChangePassword) {}
