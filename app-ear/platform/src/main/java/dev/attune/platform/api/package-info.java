/**
 * The platform kernel's published API: the audit log every module writes through, the console roles,
 * and the problem+json exception every module throws for bad input. Other modules may import only this package.
 */
package dev.attune.platform.api;
