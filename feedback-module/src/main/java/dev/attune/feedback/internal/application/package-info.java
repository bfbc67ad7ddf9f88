/** Use cases of the feedback module; each public method is one transaction. */
package dev.attune.feedback.internal.application;
