/** The identity module's REST resources: identify and alias (secret key), identity and privacy admin (console users). */
package dev.attune.identity.internal.rest;
