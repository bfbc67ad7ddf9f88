/**
 * Console access: role checks on every navigation, the password change a temporary password forces, the idle timeout,
 * and login and logout through Jakarta Security.
 */
package dev.attune.admin.security;
