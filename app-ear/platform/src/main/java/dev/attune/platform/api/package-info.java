/**
 * The platform kernel's published API: the audit log every module writes through, the console roles,
 * the problem+json exceptions every module throws for bad input and the writer of problem+json answers. Other modules may import only this package.
 */
package dev.attune.platform.api;
