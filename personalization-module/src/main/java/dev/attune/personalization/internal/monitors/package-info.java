/** Monitors: drift in feedback streams (Page-Hinkley) and anomalies in event rates (EWMA), raised as alerts. */
package dev.attune.personalization.internal.monitors;
