/** Reactions to other modules' events, each in its own transaction after the publisher's commit. */
package dev.attune.personalization.internal.application;
