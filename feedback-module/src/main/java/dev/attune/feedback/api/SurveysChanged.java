package dev.attune.feedback.api;

import java.util.UUID;

/** Fired after a commit that changed a site's surveys, so open widgets are told at once. */
public record SurveysChanged(UUID siteId) {}
