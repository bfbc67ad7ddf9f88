/** JDBC repositories over the feedback schema; the only code that knows its tables. */
package dev.attune.feedback.internal.persistence;
