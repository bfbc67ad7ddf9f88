/**
 * The Vaadin console, served at /admin. Views inject the modules' published services only (their {@code api}
 * packages); access is checked per view by role.
 */
package dev.attune.admin;
