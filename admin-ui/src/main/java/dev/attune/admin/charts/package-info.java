/** Charts for the console: a small wrapper around Apache ECharts (free, loaded from its WebJar). */
package dev.attune.admin.charts;
