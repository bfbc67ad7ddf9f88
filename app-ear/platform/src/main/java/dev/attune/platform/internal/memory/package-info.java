/** The server's memory: heap given back to the system once a burst is over. */
package dev.attune.platform.internal.memory;
