/**
 * The "Govern" menu section: accountability for personal data and access: privacy requests, the audit log, lineage,
 * retention, and console users with their roles.
 */
package dev.attune.admin.govern;
