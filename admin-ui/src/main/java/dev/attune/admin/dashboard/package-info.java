/** The dashboard every role lands on: KPI cards and charts of a site, updated live, with the pieces that draw them. */
package dev.attune.admin.dashboard;
