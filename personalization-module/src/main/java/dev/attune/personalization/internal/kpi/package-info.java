/** Dashboard KPIs: rollups per site, minute, device class and language, kept incrementally from every event. */
package dev.attune.personalization.internal.kpi;
