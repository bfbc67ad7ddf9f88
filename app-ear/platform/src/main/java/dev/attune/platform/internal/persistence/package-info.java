/** The data source every module shares (one PostgreSQL, one schema per module) and the Flyway migrator that runs first. */
package dev.attune.platform.internal.persistence;
