/** The "Understand" menu section: who the visitors are: profiles, the identity graph, record linkage, segments and alerts. */
package dev.attune.admin.understand;
