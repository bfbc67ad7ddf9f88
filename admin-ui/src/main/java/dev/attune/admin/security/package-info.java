/** Console access: role checks on every navigation, login and logout through Jakarta Security. */
package dev.attune.admin.security;
