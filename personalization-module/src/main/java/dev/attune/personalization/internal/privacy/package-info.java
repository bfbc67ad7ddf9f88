/** Privacy requests reaching the personalization module: export and erasure of everything derived about a subject. */
package dev.attune.personalization.internal.privacy;
