/** Rules of the feedback model that hold whatever the channel: value ranges, required items, plausible times, keys. */
package dev.attune.feedback.internal.domain;
