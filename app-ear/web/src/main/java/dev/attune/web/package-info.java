/** The public web module: activates JAX-RS at /api for every module's resources (they are found in WEB-INF/lib). */
package dev.attune.web;
