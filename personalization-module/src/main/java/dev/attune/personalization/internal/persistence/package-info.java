/** JDBC repositories over the personalization schema. */
package dev.attune.personalization.internal.persistence;
