/** Live profiles: state updated per event, kept in memory, persisted, rebuilt from stored events. */
package dev.attune.personalization.internal.profiles;
