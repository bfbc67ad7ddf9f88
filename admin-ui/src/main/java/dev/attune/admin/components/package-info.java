/**
 * Widgets and helpers that several sections use (grid sorting and filters, refusals shown as notifications or on forms,
 * badges, the person picker, the condition builder, the theme switch, spreadsheet-safe CSV cells). No injection here: a component gets what it needs
 * from the view that builds it.
 */
package dev.attune.admin.components;
