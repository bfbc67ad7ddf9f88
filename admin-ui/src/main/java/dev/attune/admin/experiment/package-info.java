/** The "Experiment" menu section: A/B tests and bandits, their editor and their results. */
package dev.attune.admin.experiment;
