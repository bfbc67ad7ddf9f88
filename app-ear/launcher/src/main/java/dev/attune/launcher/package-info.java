/**
 * The run launcher and the test environment share this code: an embedded PostgreSQL (zonky) with its data kept on
 * disk, a Payara Server domain bound to 127.0.0.1, deployment of the EAR, and demo data through the public API.
 */
package dev.attune.launcher;
