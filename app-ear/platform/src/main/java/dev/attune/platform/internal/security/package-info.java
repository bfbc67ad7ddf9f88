/**
 * Console and admin-API security: users in platform.console_user with PBKDF2 hashes, one authentication mechanism
 * (programmatic login from the console, HTTP Basic for the admin API), a throttle on failed logins, and the
 * bootstrap of the first admin.
 */
package dev.attune.platform.internal.security;
