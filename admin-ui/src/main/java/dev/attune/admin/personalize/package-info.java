/** The "Personalize" menu section: what visitors are shown: recommendations and the rules that act on profiles. */
package dev.attune.admin.personalize;
