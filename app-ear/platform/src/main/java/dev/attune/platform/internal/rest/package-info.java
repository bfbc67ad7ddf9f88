/** JAX-RS plumbing every module's resources rely on: problem+json for every error and role checks on admin resources. */
package dev.attune.platform.internal.rest;
